package singj.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * Plain Java file code on granted host directories ({@code singj run --dir HOST:PATH},
 * {@code --dir-rw}; docs/storage.md): ordinary programs ({@code corpus/files}) print what
 * {@code java} prints when run in the same directory, and a hostile one is contained, judged from
 * outside (the secret and the read-only tree unchanged, nothing written outside the grants, the
 * host files it held closed).
 */
class GrantedDirectoriesTest {
    private static final String CORPUS = "corpus/files/";

    @TempDir
    static Path jars;

    @TempDir
    Path tmp;

    private static Path wordCount;
    private static Path writeReadBack;
    private static Path walkTree;
    private static Path escaper;

    @BeforeAll
    static void compile() {
        wordCount = ProgramCompiler.compileResource(CORPUS + "WordCount.java", jars);
        writeReadBack = ProgramCompiler.compileResource(CORPUS + "WriteReadBack.java", jars);
        walkTree = ProgramCompiler.compileResource(CORPUS + "WalkTree.java", jars);
        escaper = ProgramCompiler.compileResource(CORPUS + "FileEscaper.java", jars);
    }

    @Test
    void aWordCounterReadsTheFilesNamedOnItsCommandLineAsJavaDoes() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("poem.txt"), "The quick brown fox\njumps over\n\nthe lazy dog. The end\n");
        Files.writeString(data.resolve("words.txt"), "a b c a b a\nünïcödé wörds ünïcödé\n");
        var java = javaIn(data, wordCount, "poem.txt", "words.txt");
        var singj = ProcessRunner.singj("", "run", "--dir", data + ":/work", wordCount.toString(), "poem.txt",
                "words.txt");
        assertSame(java, singj);
        assertTrue(singj.out().contains("missing: no-such-file.txt (No such file or directory)"), singj.out());
    }

    @Test
    void aProgramWritesThenReadsBackAndLeavesTheSameTreeAsUnderJava() throws IOException {
        Path javaDir = Files.createDirectories(tmp.resolve("java"));
        Path singjDir = Files.createDirectories(tmp.resolve("singj"));
        var java = javaIn(javaDir, writeReadBack);
        var singj = ProcessRunner.singj("", "run", "--dir-rw", singjDir + ":/out", writeReadBack.toString());
        assertSame(java, singj);
        assertEquals(tree(javaDir), tree(singjDir), "the files written");
    }

    @Test
    void filesWalkOverAGrantedTreeSeesWhatJavaSees() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(data.resolve("tree/a/b/c"));
        Files.createDirectories(data.resolve("tree/empty"));
        Files.writeString(data.resolve("tree/top.txt"), "top\n");
        Files.writeString(data.resolve("tree/a/one.txt"), "one one\n");
        Files.write(data.resolve("tree/a/b/c/deep.bin"), new byte[12345]);
        var java = javaIn(data, walkTree, "tree");
        var singj = ProcessRunner.singj("", "run", "--dir", data + ":/srv/data", walkTree.toString(), "tree");
        assertSame(java, singj);
        assertTrue(singj.out().contains("f tree/a/b/c/deep.bin 12345"), singj.out());
    }

    @Test
    void theShellsRunGrantsDirectoriesTheSameWay() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("poem.txt"), "one two\nthree\n");
        var java = javaIn(data, wordCount, "poem.txt");
        var session = ProcessRunner.singj("run --dir=" + data + ":/work " + wordCount + " poem.txt\n"
                + "run --dir-rw=" + tmp.resolve("nope") + ":/out " + wordCount + " poem.txt\n"
                + "run " + wordCount + " poem.txt\nexit\n", "boot", "--image", tmp.resolve("image").toString());
        assertAll(
                () -> assertTrue(session.out().contains(java.out()), session.out()),
                () -> assertTrue(session.err().contains("--dir-rw " + tmp.resolve("nope") + ":/out: cannot open"),
                        session.err()),
                () -> assertTrue(session.err().contains("java.io.FileNotFoundException: poem.txt (No such file or directory)"),
                        session.err()));
    }

    @Test
    void aSipCannotGrantHostDirectoriesToItsChildren() {
        Path granter = ProgramCompiler.compile("DirectoryGranter", java.util.Map.of("DirectoryGranter.java",
                CorpusFiles.read(CORPUS + "DirectoryGranter.java")), jars.resolve("granter"),
                java.util.Map.of("SingJ-Opens", "/process/children"));
        var run = ProcessRunner.singj("", "run", granter.toString(), wordCount.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("answer: Refused[reason=cannot start " + wordCount
                + ": a SIP cannot grant host directories (--dir-rw=/:/host)]"), run.out());
    }

    @Test
    void withoutAGrantAFileIsMissingAsJavaCodeExpects() {
        var singj = ProcessRunner.singj("", "run", wordCount.toString(), "poem.txt");
        assertEquals(1, singj.exitCode(), singj.err());
        assertTrue(singj.err().contains("java.io.FileNotFoundException: poem.txt (No such file or directory)"), singj.err());
    }

    @Test
    void aHostileProgramStaysInsideItsGrants() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = outside.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT\n");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(work.resolve("input.txt"), "input\n");
        Files.createSymbolicLink(work.resolve("link-out"), secret);
        Files.createSymbolicLink(work.resolve("linkdir"), outside);
        Files.createSymbolicLink(out.resolve("link-out"), secret);
        Process mkfifo = new ProcessBuilder("mkfifo", work.resolve("fifo").toString()).start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        var before = tree(tmp);
        long descriptors = openDescriptors();

        var run = CompletableFuture.supplyAsync(() -> ProcessRunner.singj("", "run", "--dir", work + ":/work",
                "--dir-rw", out + ":/out", escaper.toString(), secret.toString(), work.toString()));
        var result = run.get(120, TimeUnit.SECONDS); // a followed pipe would block the open for good
        String output = result.out();

        assertAll(
                () -> assertEquals(0, result.exitCode(), result.err()),
                () -> assertFalse(output.contains("ESCAPED"), output),
                () -> assertFalse(output.contains("TOP-SECRET"), output),
                () -> assertEquals(before, tree(tmp), "nothing outside /out changed, and nothing in it either"),
                () -> assertTrue(output.contains("refused read link to the secret: AccessDeniedException"), output),
                () -> assertTrue(output.contains("refused stream pipe in the grant: FileNotFoundException"), output),
                () -> assertTrue(output.contains("refused write read-only grant: AccessDeniedException"), output),
                () -> assertTrue(output.contains("refused append link in writable grant: FileNotFoundException"), output),
                () -> assertTrue(output.contains("delete in read-only grant: false"), output),
                () -> assertTrue(output.contains("list through a linked directory: null"), output),
                () -> assertTrue(output.contains("open files stopped at 256: input.txt (Too many open files"), output),
                () -> assertTrue(output.contains("the end, holding 256 files"), output),
                // the 256 files it still held at its end were closed with it
                () -> assertTrue(openDescriptors() < descriptors + 32, "host descriptors left open: "
                        + (openDescriptors() - descriptors)));
    }

    @Test
    void codeThatWouldOpenHostFilesPastTheRedirectsIsRefusedAtInstall() throws IOException {
        Path subclass = ProgramCompiler.compileResource(CORPUS + "FileSubclass.java", jars);
        var refusedSubclass = ProcessRunner.singj("", "run", subclass.toString(), "x");
        assertEquals(Errors.BAD_INPUT, refusedSubclass.exitCode(), refusedSubclass.err());
        assertTrue(refusedSubclass.err().contains("extends java.io.FileInputStream"), refusedSubclass.err());

        Path refs = ProgramCompiler.compileResource(CORPUS + "FileRefs.java", jars);
        var refusedRefs = ProcessRunner.singj("", "run", refs.toString(), "x");
        assertEquals(Errors.BAD_INPUT, refusedRefs.exitCode(), refusedRefs.err());
        assertAll(
                () -> assertTrue(refusedRefs.err().contains("a constructor reference to java.io.FileReader"), refusedRefs.err()),
                () -> assertTrue(refusedRefs.err().contains("java.io.RandomAccessFile"), refusedRefs.err()),
                () -> assertTrue(refusedRefs.err().contains("getFileSystem"), refusedRefs.err()));
    }

    @Test
    void aGrantThatCannotBeOpenedIsRefusedWithItsOption() {
        var missing = ProcessRunner.singj("", "run", "--dir", tmp.resolve("nope") + ":/work", wordCount.toString());
        assertEquals(Errors.BAD_INPUT, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("--dir " + tmp.resolve("nope") + ":/work"), missing.err());
        var relative = ProcessRunner.singj("", "run", "--dir", tmp + ":work", wordCount.toString());
        assertEquals(Errors.BAD_INPUT, relative.exitCode(), relative.err());
        assertTrue(relative.err().contains("mount path 'work' must be absolute"), relative.err());
    }

    private static void assertSame(ProcessRunner.Result java, ProcessRunner.Result singj) {
        assertAll(
                () -> assertEquals(java.out(), singj.out(), "standard output; singj's error:\n" + singj.err()),
                () -> assertEquals(java.exitCode(), singj.exitCode(), singj.err()));
    }

    /** {@code java -jar JAR ARGS} with {@code directory} as its working directory. */
    private static ProcessRunner.Result javaIn(Path directory, Path jar, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xshare:auto", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        process.getOutputStream().close();
        var err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new ProcessRunner.Result(process.waitFor(), out, err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every file under {@code root} (links as their target's text, not followed) with its contents. */
    private static TreeMap<String, String> tree(Path root) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    files.put(name, Files.readString(p, StandardCharsets.ISO_8859_1));
                } else {
                    files.put(name, Files.isDirectory(p) ? "/" : "other");
                }
            }
        }
        return files;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
