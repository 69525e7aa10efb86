package singj.installer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes jars of class files built in a test. */
final class TestJars {
    private TestJars() {}

    static ProgramJar jar(Path dir, String mainClass, Map<String, byte[]> classes) {
        Path jar = dir.resolve(mainClass.replace('/', '_') + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.replace('/', '.'));
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file, manifest)) {
            for (var entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey() + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProgramJar.read(jar);
    }
}
