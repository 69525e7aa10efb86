package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./singj} launcher's decision to build, on a copy of the script in a tree of its
 * own: a fake {@code mvnw} that records each build, a fake JDK 25 whose {@code java} records
 * each start, and a {@code find} on the path that records each call. A start with nothing
 * changed runs no build and no {@code find} (and asks no {@code java} for its version); a
 * changed, added or removed source or pom builds again.
 */
class LauncherTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private Path log;
    private Path shims;
    private Path jdk;

    @BeforeEach
    void tree() throws IOException {
        log = root.resolve("calls.log");
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(REPO.resolve("singj"), root.resolve("singj"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(REPO.resolve(".mvn/jdk25.sh"), root.resolve(".mvn/jdk25.sh"));
        write("pom.xml", "<project/>");
        write("kernel/pom.xml", "<project/>");
        write("kernel/src/main/java/A.java", "class A {}");
        write("kernel/src/main/resources/a.txt", "a");
        // the build: records itself, makes what the launcher then looks for
        script(root.resolve("mvnw"), """
                echo build >> "%s"
                mkdir -p cli/target/dist/lib cli/target/dist/apps
                : > cli/target/dist/lib/singj.jar
                : > cli/target/dist/apps/hello.jar
                """.formatted(log));
        jdk = root.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"25.0.3\"\n");
        script(jdk.resolve("bin/javac"), "exit 0\n");
        // java: records each start; a training makes the cache file it is asked for
        script(jdk.resolve("bin/java"), """
                echo "java $*" >> "%s"
                for arg in "$@"; do
                  case $arg in -XX:AOTCacheOutput=*) : > "${arg#-XX:AOTCacheOutput=}" ;; esac
                done
                """.formatted(log));
        shims = root.resolve("shims");
        script(shims.resolve("find"), """
                echo find >> "%s"
                exec /usr/bin/find "$@"
                """.formatted(log));
    }

    @Test
    void buildsOnFirstUseThenStartsWithoutBuildOrFind() throws Exception {
        String first = start();
        assertTrue(first.contains("first use, building"), first);
        List<String> calls = calls();
        assertEquals(1, count(calls, "build"), calls.toString());
        assertTrue(calls.getLast().endsWith("singj.cli.Main run x.jar"), calls.toString());

        start();
        calls = calls();
        assertEquals(List.of(), calls.stream().filter(c -> !c.startsWith("java")).toList(),
                "nothing changed: no build, no find");
        assertEquals(1, calls.size(), "one java, the command itself (no training, no version asked): " + calls);
        assertTrue(calls.getFirst().endsWith("singj.cli.Main run x.jar"), calls.toString());
    }

    @Test
    void aChangedSourceBuildsAgainOnce() throws Exception {
        start();
        calls();
        edit(() -> Files.writeString(root.resolve("kernel/src/main/java/A.java"), "class A { int x; }"));
        assertTrue(start().contains("sources changed, rebuilding"));
        assertEquals(1, count(calls(), "build"));
        start();
        assertEquals(0, count(calls(), "build"), "built once, then nothing changed");
    }

    @Test
    void aTouchedSourceBuildsAgain() throws Exception {
        start();
        calls();
        edit(() -> Files.setLastModifiedTime(root.resolve("kernel/src/main/resources/a.txt"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis())));
        start();
        assertEquals(1, count(calls(), "build"));
    }

    @Test
    void anAddedOrRemovedSourceBuildsAgain() throws Exception {
        start();
        calls();
        edit(() -> write("kernel/src/main/java/sub/B.java", "class B {}"));
        start();
        assertEquals(1, count(calls(), "build"), "a new file in a new directory");
        edit(() -> Files.delete(root.resolve("kernel/src/main/java/A.java")));
        start();
        assertEquals(1, count(calls(), "build"), "a removed file");
        start();
        assertEquals(0, count(calls(), "build"));
    }

    @Test
    void aChangedPomOrANewModuleBuildsAgain() throws Exception {
        start();
        calls();
        edit(() -> Files.writeString(root.resolve("pom.xml"), "<project><modules/></project>"));
        start();
        assertEquals(1, count(calls(), "build"), "the root pom");
        edit(() -> write("fs/pom.xml", "<project/>"));
        start();
        assertEquals(1, count(calls(), "build"), "a new module");
    }

    @Test
    void anOldStampWithoutItsListBuildsAgain() throws Exception {
        start();
        calls();
        Path stamp = root.resolve("cli/target/dist/.built");
        edit(() -> Files.writeString(stamp, ""));
        start();
        assertEquals(1, count(calls(), "build"));
    }

    /** The JDK check reads the release file: a JDK 17 named by JAVA_HOME is not taken for 25. */
    @Test
    void theJdkVersionComesFromItsReleaseFile() throws Exception {
        Path old = root.resolve("jdk17");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.2\"\n");
        script(old.resolve("bin/java"), "exit 0\n");
        script(old.resolve("bin/javac"), "exit 0\n");
        String out = shell(". .mvn/jdk25.sh; for d in jdk jdk17 nowhere; do "
                + "singj_is_jdk25 \"$PWD/$d\" && echo \"$d yes\" || echo \"$d no\"; done");
        assertEquals("jdk yes\njdk17 no\nnowhere no\n", out);
        assertFalse(Files.exists(log), "no java was started to ask its version");
    }

    private interface Edit {
        void run() throws IOException;
    }

    /** A change with time around it: file times are taken from a clock that ticks every few ms. */
    private static void edit(Edit edit) throws Exception {
        Thread.sleep(30);
        edit.run();
        Thread.sleep(30);
    }

    /** {@code ./singj run x.jar} in the tree; its standard error. */
    private String start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("singj").toString(), "run", "x.jar")
                .directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().put("PATH", shims + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        return err;
    }

    private String shell(String command) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command).directory(root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /** The calls recorded since the last look, and a fresh record. */
    private List<String> calls() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> calls = Files.readAllLines(log);
        Files.delete(log);
        return calls;
    }

    private static long count(List<String> calls, String call) {
        return calls.stream().filter(call::equals).count();
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
