package singj.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.kernel.SealedProgram;

/** Turns a class of this module (with its nested classes) into an installed program, as {@code singj install} would. */
final class SealedPrograms {
    private SealedPrograms() {}

    /** Jars {@code mainClass} and its nest, and seals the jar with the standard installer. */
    static SealedProgram seal(String name, Class<?> mainClass) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Class<?> member : mainClass.getNestMembers()) {
            classes.put(member.getName(), classBytes(member));
        }
        try {
            Path jar = Files.createTempFile("singj-bench-" + name, ".jar");
            try {
                writeJar(jar, mainClass.getName(), classes);
                return Installer.standard().seal(ProgramJar.read(jar), name, 0);
            } finally {
                Files.deleteIfExists(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] classBytes(Class<?> type) {
        String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + type.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJar(Path jar, String mainClass, Map<String, byte[]> classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (var entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }
}
