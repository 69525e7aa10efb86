package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-jar benchmark compares like with like: it reads a jar's classes as a program's (nothing
 * under META-INF), counts only classes both verifiers accept (a class whose superclass the jar does
 * not have is left out), and every counted class then passes SingJ and links in the JVM, as each
 * timed round requires.
 */
class VerifierJarsTest {
    @Test
    void countsTheClassesBothVerifiersAcceptAndNothingElse(@TempDir Path dir) throws IOException {
        Map<String, byte[]> module = VerifierThroughput.moduleClasses("jdk.httpserver");
        byte[] orphan = ClassFile.of().build(ClassDesc.of("p.Orphan"), b -> b.withSuperclass(ClassDesc.of("p.Missing")));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("http.jar")))) {
            for (var c : module.entrySet()) {
                put(out, c.getKey().replace('.', '/') + ".class", c.getValue());
            }
            put(out, "p/Orphan.class", orphan);
            put(out, "META-INF/versions/11/p/Orphan.class", orphan);
        }

        Map<String, Map<String, byte[]>> jars = VerifierJars.readJars(dir);
        assertEquals(Set.of("http"), jars.keySet());
        assertEquals(module.size() + 1, jars.get("http").size(), "the classes outside META-INF");
        List<String> counted = VerifierJars.bothAccept(jars.get("http"));
        assertFalse(counted.contains("p.Orphan"), "HotSpot cannot link a class whose superclass is missing");
        assertEquals(module.size(), counted.size());
        VerifierJars.Jar jar = new VerifierJars.Jar("http", jars.get("http"), counted);
        assertEquals(0, VerifierJars.singj(jar));
        assertEquals(counted.size(), VerifierJars.defineAndLink(jar.classes(), counted));
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
