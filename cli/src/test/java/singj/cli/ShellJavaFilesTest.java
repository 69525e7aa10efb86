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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * Plain Java file code on SingJ's own file system (docs/storage.md): a program the shell runs gets
 * the shell's current directory on {@code /fs} as its working directory, a {@code Directory}
 * endpoint it cannot widen. Ordinary programs ({@code corpus/files}) print what {@code java} prints
 * on the same files on the host, the files they write are the shell's to {@code cat} and survive a
 * reboot; a hostile one stays inside its directory, judged from outside (the shell's own view of
 * the file system afterwards).
 */
class ShellJavaFilesTest {
    private static final String CORPUS = "corpus/files/";
    private static final String POEM = "The quick brown fox\njumps over\n\nthe lazy dog. The end\n";

    @TempDir
    static Path jars;

    @TempDir
    Path tmp;

    private static Path countInto;
    private static Path wordCount;
    private static Path writeReadBack;
    private static Path walkTree;
    private static Path escaper;

    @BeforeAll
    static void compile() {
        countInto = ProgramCompiler.compileResource(CORPUS + "CountInto.java", jars);
        wordCount = ProgramCompiler.compileResource(CORPUS + "WordCount.java", jars);
        writeReadBack = ProgramCompiler.compileResource(CORPUS + "WriteReadBack.java", jars);
        walkTree = ProgramCompiler.compileResource(CORPUS + "WalkTree.java", jars);
        escaper = ProgramCompiler.compileResource(CORPUS + "CwdEscaper.java", jars);
    }

    private ProcessRunner.Result boot(String script) {
        return ProcessRunner.singj(script, "boot", "--image", tmp.resolve("image").toString());
    }

    private static List<String> errors(ProcessRunner.Result session) {
        return session.err().lines().filter(l -> l.startsWith("singj: ") && !l.startsWith("singj: training")
                && !l.startsWith("singj: built") && !l.contains("building")).toList();
    }

    @Test
    void programsRunFromTheShellReadAndWriteItsDirectoryAsJavaDoesOnTheHost() throws IOException {
        Path host = Files.createDirectories(tmp.resolve("host/job"));
        Files.writeString(host.resolve("poem.txt"), POEM);
        Files.writeString(host.resolve("in.txt"), "a b c a b a\n");
        Path hostOut = Files.createDirectories(tmp.resolve("out"));
        StringBuilder java = new StringBuilder();
        java.append(javaIn(host, countInto, "poem.txt", "count.txt"));
        java.append(javaIn(host, countInto, "in.txt", "count2.txt"));
        java.append(javaIn(host, writeReadBack));
        java.append(javaIn(host, walkTree, "made"));
        java.append(javaIn(host, wordCount, "poem.txt", "in.txt"));

        // the poem is written by a program the shell runs at the root, then read in /job by the others
        Path writer = ProgramCompiler.compile("PutPoem", Map.of("PutPoem.java", """
                public class PutPoem {
                    public static void main(String[] args) throws java.io.IOException {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("job/poem.txt"), args[0].replace("|", "\\n"));
                        java.nio.file.Files.writeString(java.nio.file.Path.of("job/in.txt"), "a b c a b a\\n");
                    }
                }
                """), jars.resolve("putpoem"), Map.of());
        var second = boot("mkdir job\n"
                + "run --cwd=none " + countInto + " x y\n" // no working directory: the file is missing
                + "run " + writer + " '" + POEM.replace("\n", "|") + "'\n"
                + "cd job\n"
                + "run " + countInto + " poem.txt count.txt\n"
                + "run " + countInto + " in.txt count2.txt\n"
                + "run " + writeReadBack + "\n"
                + "run " + walkTree + " made\n"
                + "run " + wordCount + " poem.txt in.txt\n"
                + "cat count.txt\n"
                + "cat log.txt\n"
                // both backends in one namespace: a host grant is the working directory, /job stays reachable
                + "run --dir-rw=" + hostOut + ":/out " + countInto + " /job/poem.txt /out/count.txt\n"
                + "exit\n");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("java.io.FileNotFoundException: x (No such file or directory)"), second.err());
        String expected = java + Files.readString(host.resolve("count.txt")) + Files.readString(host.resolve("log.txt"));
        assertTrue(second.out().contains(expected), "singj printed:\n" + second.out() + "\njava printed:\n" + expected
                + "\nsingj's errors:\n" + second.err());

        assertEquals(Files.readString(host.resolve("count.txt")).replace("poem.txt", "/job/poem.txt"),
                Files.readString(hostOut.resolve("count.txt")), "a host grant beside the file system's directory");
        assertEquals("counted /job/poem.txt\n", Files.readString(hostOut.resolve("log.txt")));

        // written by programs, committed when the prompt came back: there after a reboot
        var third = boot("cat job/count.txt\ncat job/made/writer.txt\nls job/made/deeper\nexit\n");
        assertEquals(0, third.exitCode(), third.err());
        assertTrue(third.out().contains(Files.readString(host.resolve("count.txt"))
                + Files.readString(host.resolve("made/writer.txt"))), third.out());
        assertTrue(third.out().contains("1000  bytes.bin"), third.out());
    }

    @Test
    void aHostileProgramStaysInsideTheShellsDirectoryAndAReadOnlyOneIsNotChanged() throws Exception {
        var result = CompletableFuture.supplyAsync(() -> boot("""
                write secret.txt TOP-SECRET
                mkdir work
                cd work
                write in.txt mine
                run %s
                run --cwd=ro %s ro
                cd /
                cat secret.txt
                cat work/in.txt
                ls
                ls work
                write after.txt still serving
                cat after.txt
                exit
                """.formatted(escaper, escaper))).get(300, java.util.concurrent.TimeUnit.SECONDS);
        String out = result.out();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result.err()),
                () -> assertFalse(out.contains("ESCAPED"), out),
                () -> assertFalse(out.replace("TOP-SECRET\nmine\n", "").contains("TOP-SECRET"), out),
                () -> assertEquals(2, count(out, "cwd /work\nown file: mine\n"), out),
                () -> assertEquals(2, count(out, "refused read ../secret.txt: NoSuchFileException"), out),
                () -> assertEquals(2, count(out, "refused read absolute /secret.txt: NoSuchFileException"), out),
                () -> assertEquals(2, count(out, "refused stream ../secret.txt: FileNotFoundException"), out),
                () -> assertEquals(2, count(out, "refused read /kernel/processes: NoSuchFileException"), out),
                () -> assertEquals(2, count(out, "refused exists ../secret.txt: false"), out),
                () -> assertEquals(2, count(out, "refused write ../planted.txt: NoSuchFileException"), out),
                () -> assertEquals(2, count(out, "refused delete its own directory: AccessDeniedException"), out),
                () -> assertTrue(out.contains("refused a 200-byte name: FileSystemException"), out), // the file system's bad-path
                () -> assertTrue(out.contains("refused a 200-byte name: AccessDeniedException"), out), // read-only first
                () -> assertEquals(2, count(out, "root lists [/work]"), out),
                () -> assertTrue(out.contains("refused ro: FileWriter in.txt: FileNotFoundException"), out),
                () -> assertTrue(out.contains("refused ro: Files.writeString new.txt: AccessDeniedException"), out),
                () -> assertTrue(out.contains("refused ro: append in.txt: AccessDeniedException"), out),
                () -> assertTrue(out.contains("refused ro: delete in.txt: false"), out),
                () -> assertTrue(out.contains("refused ro: mkdir sub: AccessDeniedException"), out),
                () -> assertEquals(2, count(out, "opens stopped at 32: in.txt (Too many open files"), out),
                // judged from outside: the shell's own view afterwards
                () -> assertTrue(out.contains("TOP-SECRET\nmine\n"), out),
                () -> assertTrue(out.contains("still serving\n"), out),
                () -> assertEquals(List.of(), errors(result), result.err()));
        // nothing planted, made or deleted: the root holds secret.txt and work/ (ls before after.txt), work in.txt
        List<String> listed = out.lines().filter(l -> l.startsWith(" ")).map(l -> l.strip().replaceAll(".*  ", ""))
                .toList();
        assertEquals(List.of("secret.txt", "work/", "in.txt"), listed, out);
    }

    @Test
    void aSipHandsADirectoryItHoldsToAChildAndForgedHandOversAreRefused() {
        Path passer = ProgramCompiler.compile("DirectoryPasser", Map.of("DirectoryPasser.java",
                CorpusFiles.read(CORPUS + "DirectoryPasser.java")), jars.resolve("passer"),
                Map.of("SingJ-Opens", "/process/children /fs"));
        var session = boot("mkdir sub\nwrite sub/in.txt hello world\nwrite secret.txt TOP-SECRET\n"
                + "run --opens=/fs " + passer + " " + countInto + " in.txt out.txt\n"
                + "cat sub/out.txt\ncat sub/log.txt\nls sub\ncat secret.txt\nexit\n");
        String out = session.out();
        assertAll(
                () -> assertEquals(0, session.exitCode(), session.err()),
                () -> assertTrue(out.contains("no endpoint: Refused[reason=cannot start " + countInto + ": a working "
                        + "directory on the file system is one Directory endpoint and one --fs=PATH or --fs-rw=PATH"), out),
                () -> assertTrue(out.contains("another contract: Refused[reason=a working directory must be the client "
                        + "end of a channel of singj.abi.Directory, not the client end of one of singj.abi.ProcessControl]"), out),
                () -> assertTrue(out.contains("a server end: Refused[reason=a working directory must be the client end "
                        + "of a channel of singj.abi.Directory, not the server end of one of singj.abi.Directory]"), out),
                () -> assertTrue(out.contains("wrote out.txt: 1 2 12 in.txt\nlog: counted in.txt\nworking directory data\n"),
                        out),
                () -> assertTrue(out.contains("child: Exited[pid="), out),
                () -> assertTrue(out.contains("code=0"), out),
                // the child's files are in sub, the directory it was handed, and nowhere else
                () -> assertTrue(out.contains("1 2 12 in.txt\n"), out),
                () -> assertEquals(List.of("in.txt", "log.txt", "out.txt"), out.lines().filter(l -> l.startsWith(" "))
                        .map(l -> l.strip().replaceAll(".*  ", "")).sorted().toList(), out),
                () -> assertTrue(out.contains("TOP-SECRET\n"), out),
                // the read-only endpoint: the child started, its first write was refused by the file system
                () -> assertTrue(out.contains("handed read-only: spawned\nread-only child: Exited[pid="), out),
                () -> assertTrue(out.contains("code=1"), out),
                () -> assertEquals(1, count(out, "wrote out.txt"), out),
                () -> assertEquals(2, count(out, "counted in.txt"), out)); // the first child's log line, and cat's
    }

    /**
     * The file system's root is a system service: a program whose manifest asks for {@code /*} and
     * {@code /fs} by name, run from the shell with the default offer, reaches neither it nor the
     * console, the process manager or the raw disk, and cannot take over the name; judged from
     * outside (the secret file is still there, the shell's own view). {@code run --opens=/fs} is how
     * a person gives it the root; a subtree there is refused.
     */
    @Test
    void theDefaultOfferReachesNoSystemServiceAndOpensNamesOneOnPurpose() {
        Path prober = ProgramCompiler.compile("ServiceProber", Map.of("ServiceProber.java",
                CorpusFiles.read(CORPUS + "ServiceProber.java")), jars.resolve("prober"),
                Map.of("SingJ-Opens", "/* /fs /service/console /kernel/processes /dev/disk0 /dev/disk0/read-only",
                        "SingJ-Registers", "/fs"));
        var session = boot("write secret.txt TOP-SECRET\n"
                + "run " + prober + " register\n"
                + "cd /\nmkdir sub\ncd sub\n"
                + "run " + prober + "\n"
                + "cd /\ncat secret.txt\n"
                + "run --opens=/* " + prober + "\n"
                + "run --opens=/fs " + prober + "\n"
                + "ls\nexit\n");
        String out = session.out();
        String err = session.err();
        assertAll(
                () -> assertEquals(0, session.exitCode(), err),
                () -> assertEquals(2, count(out, "may not open /fs: it is a system service (pid 3 (file-system) "
                        + "registered it), which a user program opens only if its manifest and its starter name it"), out),
                () -> assertEquals(3, count(out, "may not open /service/console: it is a system service (pid 1 (console) "
                        + "registered it)"), out),
                () -> assertEquals(3, count(out, "may not open /kernel/processes: it was not granted it"), out),
                () -> assertEquals(3, count(out, "may not open /dev/disk0: it was not granted it"), out),
                () -> assertEquals(3, count(out, "may not open /dev/disk0/read-only: it was not granted it"), out),
                () -> assertEquals(3, count(out, "children: opened"), out), // the kernel's service for user programs
                () -> assertTrue(out.contains("register /fs refused: ") && out.contains("may not register /fs: it is a "
                        + "system service, which pid 3 (file-system) registered first as a system SIP"), out),
                () -> assertFalse(out.contains("register /fs: ESCAPED"), out),
                // judged from outside: the secret is there after the default runs, and the file system serves on
                () -> assertTrue(out.contains("TOP-SECRET\n"), out),
                () -> assertTrue(err.contains("--opens takes a name such as /fs, not '/*': a system service is granted "
                        + "by its name, never by a subtree"), err),
                // named on purpose, the root is the program's: it deletes the secret, which the shell's ls no longer shows
                () -> assertEquals(1, count(out, "/fs: ESCAPED, delete secret.txt: Done[]"), out),
                () -> assertEquals(List.of("sub/"), out.lines().filter(l -> l.startsWith(" "))
                        .map(l -> l.strip().replaceAll(".*  ", "")).toList(), out));

        // singj run offers the same default: no system service (it starts no file system; the kernel's names stay closed)
        var run = ProcessRunner.singj("", "run", prober.toString());
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertTrue(run.out().contains("refused /fs: NameServiceException: no service is registered at /fs"),
                        run.out()),
                () -> assertTrue(run.out().contains("may not open /kernel/processes: it was not granted it"), run.out()),
                () -> assertTrue(run.out().contains("children: opened"), run.out()),
                () -> assertFalse(run.out().contains("ESCAPED"), run.out()));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** What {@code java -jar JAR ARGS} prints with {@code directory} as its working directory. */
    private static String javaIn(Path directory, Path jar, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xshare:auto", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertEquals(0, process.waitFor(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }
}
