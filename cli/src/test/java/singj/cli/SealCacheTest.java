package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;
import singj.installer.RejectedProgramException;
import singj.installer.SealCache;
import singj.installer.SystemImage;
import singj.kernel.SealedProgram;

/**
 * {@code singj run JAR} verifies a jar once and runs the sealed form it kept after that; whatever
 * is in the cache directory, what runs is a verified form of the jar as it is now.
 */
class SealCacheTest {
    @TempDir
    Path work;

    private Path image() {
        return work.resolve("image");
    }

    /** The cache {@code singj run --image} uses, to look into. */
    private SealCache cliCache() {
        return SealCache.of(new SystemImage(image()), SealCache.DEFAULT_MAX_BYTES);
    }

    private ProcessRunner.Result run(Path jar, String... args) {
        List<String> line = new ArrayList<>(List.of("run", "--image", image().toString()));
        line.add(jar.toString());
        line.addAll(List.of(args));
        return ProcessRunner.singj("", line.toArray(String[]::new));
    }

    /** {@code Hello.jar} printing {@code text}, built in a directory of its own and copied to {@code target}. */
    private Path hello(String text, Path target) {
        Path dir = work.resolve("build-" + System.nanoTime());
        Path jar = ProgramCompiler.compile("Hello", Map.of("Hello.java",
                "public class Hello { public static void main(String[] a) { System.out.println(\"" + text + "\"); } }"), dir);
        return copy(jar, target);
    }

    /** A {@code Hello} that writes {@code marker} on the host: refused at install, harmful if it ever ran. */
    private Path hostileHello(Path marker, Path target) {
        Path dir = work.resolve("build-" + System.nanoTime());
        Path jar = ProgramCompiler.compile("Hello", Map.of("Hello.java", """
                public class Hello {
                    public static void main(String[] a) throws Exception {
                        new java.io.RandomAccessFile("%s", "rw").writeBytes("escaped");
                        System.out.println("escaped");
                    }
                }""".formatted(marker.toString().replace("\\", "\\\\"))), dir);
        return copy(jar, target);
    }

    private static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void theSecondRunFindsTheSealedFormAndPrintsTheSame() throws IOException {
        Path jar = hello("one", work.resolve("app/Hello.jar"));
        assertTrue(cliCache().cached(jar, null).isEmpty());
        var first = run(jar);
        assertEquals("one\n", first.out(), first.err());
        assertEquals(1, files(cliCache().directory()).size());
        assertTrue(cliCache().cached(jar, null).isPresent(), "the first run kept the sealed form");
        var second = run(jar);
        assertEquals("one\n", second.out(), second.err());
        assertEquals(0, second.exitCode());
    }

    @Test
    void aChangedJarIsVerifiedAgainAndAHostileOneRefused() {
        Path jar = work.resolve("app/Hello.jar");
        hello("one", jar);
        assertEquals("one\n", run(jar).out());
        hello("two", jar);
        assertTrue(cliCache().cached(jar, null).isEmpty(), "a changed jar has another key");
        assertEquals("two\n", run(jar).out());

        Path marker = work.resolve("escaped.txt");
        hostileHello(marker, jar);
        var hostile = run(jar);
        assertEquals(Errors.BAD_INPUT, hostile.exitCode(), hostile.out() + hostile.err());
        assertTrue(hostile.err().contains("Hello.main"), hostile.err());
        assertFalse(Files.exists(marker), "a refused program never runs");
    }

    @Test
    void aChangedLibraryOnTheClassPathIsVerifiedAgain() throws IOException {
        Path dir = work.resolve("lib-app");
        Path library = ProgramCompiler.compile("Greeting", Map.of("Greeting.java",
                "public class Greeting { public static String text() { return \"old\"; } }"), work.resolve("lib-old"));
        copy(library, dir.resolve("greeting.jar"));
        Path classes = work.resolve("app-classes");
        Files.createDirectories(classes);
        ProgramCompiler.compile("App", Map.of(
                "App.java", "public class App { public static void main(String[] a) { System.out.println(Greeting.text()); } }",
                "Greeting.java", "public class Greeting { public static String text() { return \"\"; } }"), classes);
        // the program's jar holds only App; Greeting comes from its Class-Path
        Path app = ProgramCompiler.jar("App", Map.of("App", Files.readAllBytes(classes.resolve("App-classes/App.class"))),
                dir.resolve("App.jar"), Map.of("Class-Path", "greeting.jar"));
        assertEquals("old\n", run(app).out());
        Path newer = ProgramCompiler.compile("Greeting", Map.of("Greeting.java",
                "public class Greeting { public static String text() { return \"new\"; } }"), work.resolve("lib-new"));
        copy(newer, dir.resolve("greeting.jar"));
        assertEquals("new\n", run(app).out());
    }

    @Test
    void aRefusedProgramIsNotKept() throws IOException {
        Path marker = work.resolve("escaped.txt");
        Path jar = hostileHello(marker, work.resolve("app/Hello.jar"));
        for (int i = 0; i < 2; i++) {
            var result = run(jar);
            assertEquals(Errors.BAD_INPUT, result.exitCode(), result.err());
            assertTrue(result.err().contains("Hello.main"), result.err());
        }
        assertEquals(List.of(), files(cliCache().directory()));
        assertFalse(Files.exists(marker));
    }

    @Test
    void aDamagedEntryIsVerifiedAgainAndReplaced() throws IOException {
        Path jar = hello("intact", work.resolve("app/Hello.jar"));
        run(jar);
        Path entry = files(cliCache().directory()).getFirst();
        byte[] bytes = Files.readAllBytes(entry);

        Files.write(entry, Arrays.copyOf(bytes, bytes.length / 2)); // truncated
        assertTrue(cliCache().cached(jar, null).isEmpty());
        assertEquals("intact\n", run(jar).out());
        assertTrue(cliCache().cached(jar, null).isPresent(), "the entry was written again");

        byte[] flipped = Files.readAllBytes(entry);
        flipped[flipped.length - 40] ^= 1; // one bit, inside the jar
        Files.write(entry, flipped);
        assertTrue(cliCache().cached(jar, null).isEmpty());
        assertEquals("intact\n", run(jar).out());
        assertTrue(cliCache().cached(jar, null).isPresent());
    }

    /**
     * An attacker who can write the cache directory (a shared image) but not read the user's
     * secret replaces the entry of a program the user runs by the attacker's own classes, unsealed,
     * in the entry's format, with a MAC under a secret of the attacker's choosing; or moves the
     * entry of another program there. Neither runs: the jar is verified again.
     */
    @Test
    void aForgedOrMovedEntryNeverRuns() throws Exception {
        Path jar = hello("mine", work.resolve("app/Hello.jar"));
        run(jar);
        Path entry = files(cliCache().directory()).getFirst();
        String key = entry.getFileName().toString().replace(".sealed", "");

        Path marker = work.resolve("escaped.txt");
        Path hostileJar = hostileHello(marker, work.resolve("attacker/Hello.jar"));
        byte[] hostileClass;
        try (var zip = new java.util.jar.JarFile(hostileJar.toFile())) {
            hostileClass = zip.getInputStream(zip.getEntry("Hello.class")).readAllBytes();
        }
        byte[] forged = forgedEntry(key, Map.of("Hello.class", hostileClass,
                "META-INF/singj-program.properties", "name=Hello\nmain-class=Hello\n".getBytes(StandardCharsets.UTF_8)));
        Files.write(entry, forged);
        var result = run(jar);
        assertEquals("mine\n", result.out(), result.err());
        assertFalse(Files.exists(marker), "the forged entry ran");

        Path other = hello("other", work.resolve("other/Hello.jar"));
        run(other);
        Path otherEntry = files(cliCache().directory()).stream().filter(p -> !p.equals(entry)).findFirst().orElseThrow();
        Files.copy(otherEntry, entry, StandardCopyOption.REPLACE_EXISTING);
        assertEquals("mine\n", run(jar).out(), "another program's entry under this key");
        assertEquals("other\n", run(other).out());
    }

    /** An entry as SealCache writes one, its MAC under a secret that is not the user's. */
    private static byte[] forgedEntry(String key, Map<String, byte[]> entries) throws Exception {
        var jar = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(jar)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        mac.update((key + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] tag = mac.doFinal(jar.toByteArray());
        var out = new ByteArrayOutputStream();
        out.write(("singj-sealed 1 " + HexFormat.of().formatHex(tag) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(jar.toByteArray());
        return out.toByteArray();
    }

    @Test
    void concurrentRunsOfOneJarLeaveOneWholeEntry() throws Exception {
        Path jar = hello("together", work.resolve("app/Hello.jar"));
        Path dir = work.resolve("cache");
        Path key = work.resolve("secret/key");
        int runs = 4;
        var barrier = new CyclicBarrier(runs);
        List<Future<SealedProgram>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(runs)) {
            for (int i = 0; i < runs; i++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    // each its own instance, as separate runs would be
                    return new SealCache(dir, key, SealCache.DEFAULT_MAX_BYTES).seal(jar, null);
                }));
            }
        }
        byte[] main = results.getFirst().get().classes().get("Hello");
        for (var result : results) {
            assertArrayEquals(main, result.get().classes().get("Hello"));
        }
        assertEquals(1, files(dir).size(), "one entry, no temporary file: " + files(dir));
        assertTrue(new SealCache(dir, key, SealCache.DEFAULT_MAX_BYTES).cached(jar, null).isPresent());
    }

    @Test
    void theEntryUsedLongestAgoGoesWhenTheCacheIsFull() throws IOException {
        Path dir = work.resolve("cache");
        Path key = work.resolve("secret/key");
        Path a = hello("a", work.resolve("a/A.jar"));
        Path b = hello("b", work.resolve("b/B.jar"));
        Path c = hello("c", work.resolve("c/C.jar"));
        new SealCache(dir, key, SealCache.DEFAULT_MAX_BYTES).seal(a, null);
        long entrySize = Files.size(files(dir).getFirst());
        var cache = new SealCache(dir, key, entrySize * 2 + entrySize / 2); // room for two
        cache.seal(b, null);
        Instant old = Instant.now().minusSeconds(600);
        for (Path entry : files(dir)) {
            Files.setLastModifiedTime(entry, FileTime.from(old));
        }
        assertTrue(cache.cached(a, null).isPresent()); // a is used now, b not
        cache.seal(c, null);
        assertEquals(2, files(dir).size());
        assertTrue(cache.cached(a, null).isPresent());
        assertTrue(cache.cached(c, null).isPresent());
        assertTrue(cache.cached(b, null).isEmpty());
    }

    @Test
    void noCacheKeepsNothing() throws IOException {
        Path jar = hello("uncached", work.resolve("app/Hello.jar"));
        var result = ProcessRunner.singj("", "run", "--no-cache", "--image", image().toString(), jar.toString());
        assertEquals("uncached\n", result.out(), result.err());
        assertEquals(List.of(), files(cliCache().directory()));
    }

    @Test
    void theSameProgramUnderAnotherNameIsAnotherEntry() throws IOException {
        Path jar = hello("same", work.resolve("app/Hello.jar"));
        Path renamed = copy(jar, work.resolve("app/Renamed.jar"));
        run(jar);
        assertTrue(cliCache().cached(renamed, null).isEmpty(), "the name a SIP runs under is part of its key");
        assertNotEquals(0, files(cliCache().directory()).size());
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
