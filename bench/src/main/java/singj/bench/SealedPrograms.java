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
        return seal(name, mainClass, Map.of());
    }

    /**
     * Jars {@code mainClass} and its nest, with the {@code SingJ-*} manifest {@code attributes}, and
     * seals the jar. The jar also holds each class named by {@code SingJ-Contracts} (a class of this
     * module) with its nest, as a program declaring a contract carries the contract's classes.
     */
    static SealedProgram seal(String name, Class<?> mainClass, Map<String, String> attributes) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        addNest(classes, mainClass);
        for (String contract : attributes.getOrDefault("SingJ-Contracts", "").split("[\\s,]+")) {
            if (!contract.isEmpty()) {
                try {
                    addNest(classes, Class.forName(contract, false, SealedPrograms.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("no contract class " + contract, e);
                }
            }
        }
        try {
            Path jar = Files.createTempFile("singj-bench-" + name, ".jar");
            try {
                writeJar(jar, mainClass.getName(), attributes, classes);
                return Installer.standard().seal(ProgramJar.read(jar), name, 0);
            } finally {
                Files.deleteIfExists(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addNest(Map<String, byte[]> classes, Class<?> type) {
        for (Class<?> member : type.getNestMembers()) {
            classes.put(member.getName(), classBytes(member));
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

    private static void writeJar(Path jar, String mainClass, Map<String, String> attributes, Map<String, byte[]> classes)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        attributes.forEach((key, value) -> manifest.getMainAttributes().put(new Attributes.Name(key), value));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (var entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }
}
