package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/** {@code singj boot} with piped input: the shell, the console, the default image. */
class BootTest {
    private static final Duration JAVA_TIMEOUT = Duration.ofSeconds(30);
    private static final String PS_HEADER = "  PID  PROGRAM";

    @TempDir
    static Path shared;
    /** One image for the tests that only use the default programs: installing them once is enough. */
    static Path image;
    static Path apps;

    @TempDir
    Path work;

    @BeforeAll
    static void defaultApps() {
        apps = Path.of(System.getProperty("singj.apps"));
        assertTrue(Files.isRegularFile(apps.resolve("hello.jar")), "the build puts the example programs in " + apps);
        image = shared.resolve("image");
    }

    private static ProcessRunner.Result boot(Path imageDir, String script) {
        return ProcessRunner.singj(script, "boot", "--image", imageDir.toString());
    }

    @Test
    void aSessionRunsAndInspectsSips() {
        var session = boot(image, """
                ps
                programs
                run hello
                run echo a b
                first line
                second line
                \u0004
                run spin &
                ps
                pss
                run /no/such.jar
                ps
                exit
                """);
        assertEquals(0, session.exitCode(), session.err());
        List<String> lines = session.out().lines().toList();
        assertTrue(lines.getFirst().matches("SingJ \\S+ booted in \\d+ ms \\(kernel [\\d.]+ ms\\) — 12 programs installed; type 'help'"),
                lines.getFirst());

        List<List<String>> tables = psTables(session.out());
        assertEquals(3, tables.size(), session.out());
        assertEquals(List.of("console", "disk-driver", "file-system", "shell"), programsIn(tables.get(0)));
        assertTrue(tables.get(0).stream().allMatch(row -> row.contains("RUNNING")), tables.get(0).toString());
        assertTrue(programsIn(tables.get(1)).contains("spin"), tables.get(1).toString());

        for (String program : List.of("hello", "echo", "wordcount", "spin", "echo-server", "echo-client",
                "pipe-sink", "pipe-filter", "pipe-source")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(program + " ") && l.contains("singj.apps.")),
                    "programs lists " + program + ":\n" + session.out());
        }

        var hello = ProcessRunner.javaJar(apps.resolve("hello.jar"), List.of(), "", JAVA_TIMEOUT);
        assertTrue(session.out().contains(hello.out()), session.out());
        var echo = ProcessRunner.javaJar(apps.resolve("echo.jar"), List.of("a", "b"), "first line\nsecond line\n", JAVA_TIMEOUT);
        assertTrue(session.out().contains(echo.out()), "echo read exactly its two lines:\n" + session.out());
        assertTrue(session.err().contains(echo.err()), session.err());

        assertTrue(session.err().contains("singj: no command 'pss'; did you mean 'ps'?"), session.err());
        assertTrue(session.err().contains("singj: /no/such.jar: no such file"), session.err());
        assertFalse(session.err().contains("internal error"), session.err());
    }

    @Test
    void killStopsABackgroundSipAndTheShellSaysSo() {
        // the pid of spin is predictable: console 1, disk driver 2, file system 3, shell 4, then the SIPs in order
        var session = boot(image, """
                run hello
                run spin &
                ps
                kill 6
                ps
                exit
                """);
        assertEquals(0, session.exitCode(), session.err());
        Matcher started = Pattern.compile("\\[(\\d+)] started").matcher(session.out());
        assertTrue(started.find(), session.out());
        assertEquals("6", started.group(1)); // after the console, the disk driver, the file system, the shell and hello
        List<List<String>> tables = psTables(session.out());
        assertTrue(programsIn(tables.get(0)).contains("spin"), tables.get(0).toString());
        assertEquals(List.of("console", "disk-driver", "file-system", "shell"), programsIn(tables.get(1)), "spin is gone after kill");
        assertTrue(session.err().contains("[pid 6 (spin) killed: killed by the shell]"), session.err());
    }

    @Test
    void theSystemSipsCannotBeKilledAndBadCommandsLeaveTheShellRunning() {
        var session = boot(image, """
                kill 1
                kill 4
                kill 99
                kill one
                run
                run no-such-program
                help nosuch
                ps extra
                ps
                """);
        assertEquals(0, session.exitCode(), session.err());
        List<String> errors = session.err().lines().toList();
        assertEquals(List.of(
                "singj: kill: pid 1 is the console, a system SIP; it stops only with the system ('exit')",
                "singj: kill: pid 4 is the shell, a system SIP; it stops only with the system ('exit')",
                "singj: kill: no process with pid 99 (see 'ps')",
                "singj: kill: 'one' is not a process id (see 'ps')",
                "singj: run: expects a program or a jar (run [-p] [--QUOTA=N...] [--dir=HOST:PATH] [--dir-rw=HOST:PATH] [--cwd=rw|ro|none] [--opens=NAME] PROGRAM|JAR [ARGS...] [&])",
                "singj: no program named 'no-such-program' is installed (see 'programs')",
                "singj: help: no command 'nosuch' (type 'help' for the list)",
                "singj: ps: takes no arguments but -g (ps [-g])"), errors);
        assertEquals(List.of("console", "disk-driver", "file-system", "shell"), programsIn(psTables(session.out()).getFirst()));
    }

    @Test
    void aSipLeavesTheLinesItDidNotReadToTheShell() {
        Path jar = ProgramCompiler.compileResource("corpus/boot/ReadOneLine.java", work);
        var session = boot(image, "run " + jar + "\nfirst\nrun " + jar + "\nsecond\nps\n");
        assertEquals(0, session.exitCode(), session.err());
        var java = ProcessRunner.javaJar(jar, List.of(), "first\n", JAVA_TIMEOUT);
        assertTrue(session.out().contains(java.out()), session.out());
        assertTrue(session.out().contains("got: second\n"), session.out());
        assertEquals(1, psTables(session.out()).size(), "the shell read 'ps' after the SIPs:\n" + session.out());
        assertEquals("", session.err());
    }

    @Test
    void aNonZeroExitIsReportedAndANormalOneIsNot() {
        Path jar = ProgramCompiler.compileResource("corpus/boot/ExitThree.java", work);
        var session = boot(image, "run " + jar + "\nrun hello\n");
        assertEquals(0, session.exitCode());
        var java = ProcessRunner.javaJar(jar, List.of(), "", JAVA_TIMEOUT);
        assertEquals(3, java.exitCode());
        assertTrue(session.out().contains(java.out()), session.out());
        assertEquals("[pid 5 exited with code 3]\n", session.err());
    }

    @Test
    void installVerifiesAndARejectedProgramListsItsViolations() throws Exception {
        Path good = ProgramCompiler.compileResource("corpus/boot/ReadOneLine.java", work);
        Path bad = ProgramCompiler.compileResource("corpus/boot/LocksALiteral.java", work);
        Path corrupt = Files.writeString(work.resolve("corrupt.jar"), "not a zip at all");
        Path fresh = work.resolve("image");
        var session = boot(fresh, "install " + bad + "\ninstall " + corrupt + "\ninstall " + good + " reader\n"
                + "programs\nrun reader\nfrom the console\n");
        assertEquals(0, session.exitCode(), session.err());
        var verify = ProcessRunner.singj("", "verify", bad.toString());
        assertEquals(1, verify.exitCode());
        List<String> violations = verify.err().lines().filter(l -> l.startsWith("[")).toList();
        assertFalse(violations.isEmpty(), verify.err());
        for (String violation : violations) {
            assertTrue(session.err().contains(violation + "\n"), session.err());
        }
        assertTrue(session.err().contains("singj: LocksALiteral: "), session.err());
        assertTrue(session.err().contains("singj: " + corrupt + ": not a jar"), session.err());
        assertTrue(session.out().contains("installed reader (1 classes, main ReadOneLine)"), session.out());
        assertTrue(session.out().lines().anyMatch(l -> l.startsWith("reader ") && l.contains("ReadOneLine")), session.out());
        assertTrue(session.out().contains("got: from the console\n"), session.out());
        assertFalse(session.out().lines().anyMatch(l -> l.startsWith("LocksALiteral")), "a rejected program is not installed");
    }

    @Test
    void endOfInputWithoutExitShutsDownCleanlyEvenWithABackgroundSip() {
        long start = System.nanoTime();
        var session = boot(image, "run spin &\nrun hello");
        assertEquals(0, session.exitCode(), session.err());
        assertTrue(session.out().contains("Hello from SIP land!"), session.out());
        assertEquals("", session.err());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "shutdown does not wait out a deadline");
    }

    @Test
    void helpListsEveryCommandAndExplainsEach() {
        var session = boot(image, "help\nhelp kill\nhelp run\n");
        assertEquals(0, session.exitCode(), session.err() + "\n--- out:\n" + session.out());
        for (String command : List.of("help", "ps", "programs", "install", "run", "kill", "ns", "channels", "heap", "ls", "cat", "write", "mkdir", "rm", "mv", "df", "cd", "pwd", "exit")) {
            assertTrue(session.out().lines().anyMatch(l -> l.startsWith("  " + command)), "help lists " + command);
        }
        assertTrue(session.out().contains("usage: kill PID\n"), session.out());
        assertTrue(session.out().contains("usage: run [-p] [--QUOTA=N...] [--dir=HOST:PATH] [--dir-rw=HOST:PATH] [--cwd=rw|ro|none] [--opens=NAME] PROGRAM|JAR [ARGS...] [&]\n"), session.out());
    }

    @Test
    void aProgramThePersonInstalledUnderADefaultNameIsKept() {
        Path jar = ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work);
        Path fresh = work.resolve("image");
        var install = ProcessRunner.singj("", "install", "--image", fresh.toString(), "--name", "hello", jar.toString());
        assertEquals(0, install.exitCode(), install.err());
        var session = boot(fresh, "run hello SingJ\nrun echo --no-stdin\n");
        assertEquals(0, session.exitCode(), session.err());
        assertTrue(session.out().contains("Hello, SingJ!\n"), session.out());
        assertTrue(session.out().contains("args: --no-stdin\n"), "the other default programs were installed:\n" + session.out());
    }

    /** The rows of each {@code ps} table in the output, without the header. */
    private static List<List<String>> psTables(String out) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith(PS_HEADER)) {
                current = new ArrayList<>();
                tables.add(current);
            } else if (current != null && line.matches("\\s*\\d+  \\S+\\s+(RUNNING|STOPPING|DEAD) .*")) {
                current.add(line); // a background SIP's output may fall between the rows
            }
        }
        return tables;
    }

    private static List<String> programsIn(List<String> rows) {
        return rows.stream().map(row -> row.strip().split("\\s+")[1]).toList();
    }
}
