package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;

/**
 * The shell's file commands ({@code ls}, {@code cat}, {@code write}, {@code mkdir}, {@code rm}) on the
 * default image, booted in a temporary directory: they talk to the file system SIP at {@code /fs}
 * as any client does, and every failure is one line on stderr after which the shell reads on.
 */
class ShellFilesTest {
    @TempDir
    Path work;

    private ProcessRunner.Result boot(String script) {
        return ProcessRunner.singj(script, "boot", "--image", work.resolve("image").toString());
    }

    private static List<String> errors(ProcessRunner.Result session) {
        return session.err().lines().filter(l -> l.startsWith("singj: ") && !l.startsWith("singj: training")
                && !l.startsWith("singj: built") && !l.contains("building")).toList();
    }

    @Test
    void cdMovesTheFileCommandsAndPwdSaysWhere() {
        var session = boot("""
                pwd
                mkdir docs
                mkdir docs/deep
                cd docs
                pwd
                write a.txt in docs
                cd deep
                pwd
                write b.txt in deep
                cat /docs/a.txt
                cd ..
                pwd
                ls
                cd a.txt
                cd missing
                pwd
                cd
                pwd
                cat docs/deep/b.txt
                cd /docs/deep
                pwd
                exit
                """);
        assertEquals(0, session.exitCode(), session.err());
        List<String> printed = session.out().lines().skip(1).toList(); // after the banner
        assertEquals(List.of("/", "/docs", "/docs/deep", "in docs", "/docs", "/docs", "/", "in deep", "/docs/deep"),
                printed.stream().filter(l -> !l.startsWith(" ")).toList(), session.out());
        List<String> listed = printed.stream().filter(l -> l.startsWith(" ")).map(String::strip).toList();
        assertEquals(2, listed.size(), session.out());
        assertTrue(listed.stream().anyMatch(l -> l.endsWith("  deep/")) && listed.contains("8  a.txt"), listed.toString());
        List<String> errors = errors(session);
        assertEquals(2, errors.size(), session.err());
        assertTrue(errors.get(0).startsWith("singj: cd: a.txt: not a directory ("), errors.get(0));
        assertTrue(errors.get(1).startsWith("singj: cd: missing: no such file or directory ("), errors.get(1));
    }

    @Test
    void mkdirWriteLsCatRmRoundTripAndErrorsLeaveTheShellRunning() {
        var session = boot("""
                ls
                mkdir docs
                write docs/a.txt hello   world
                write /docs/b.txt 'two  spaces' "and a quote\\""
                ls
                ls /docs/
                cat docs/a.txt
                cat docs/missing.txt
                cat /docs/b.txt
                ls docs/b.txt
                ls docs/b.txt/x
                cat docs
                write nowhere/c.txt text
                mkdir ../escape
                cat docs/../docs/a.txt
                rm docs
                write docs/a.txt replaced
                rm docs/b.txt
                ls docs
                cat docs/a.txt
                rm docs/a.txt
                rm docs
                ls
                rm /
                exit
                """);
        assertEquals(0, session.exitCode(), session.err());
        List<String> out = session.out().lines().filter(l -> !l.startsWith("SingJ ")).toList();
        List<String> expected = List.of(
                // ls of the fresh root: nothing; then the root with docs, docs with its two files
                "\\s+\\d+  docs/",
                "\\s+12  a.txt", "\\s+25  b.txt",
                "hello world",
                "two  spaces and a quote\"",
                "\\s+25  docs/b.txt",
                // after the errors: docs/a.txt replaced, b.txt gone
                "\\s+9  a.txt",
                "replaced");
        assertEquals(expected.size(), out.size(), session.out());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(out.get(i).matches(expected.get(i)), i + ": '" + out.get(i) + "' in\n" + session.out());
        }
        List<String> errors = errors(session);
        List<String> expectedErrors = List.of(
                "singj: cat: docs/missing.txt: no such file or directory (no 'missing.txt')",
                "singj: ls: docs/b.txt/x: not a directory (",
                "singj: cat: docs: is a directory (",
                "singj: write: nowhere/c.txt: no such file or directory (no 'nowhere')",
                "singj: mkdir: ../escape: refused path (path '../escape': '..' is not a name here",
                "singj: cat: docs/../docs/a.txt: refused path (",
                "singj: rm: docs: directory not empty (",
                "singj: rm: '/' is the root of the file system, which stays");
        assertEquals(expectedErrors.size(), errors.size(), session.err());
        for (int i = 0; i < expectedErrors.size(); i++) {
            assertTrue(errors.get(i).startsWith(expectedErrors.get(i)), errors.get(i) + " in\n" + session.err());
        }
    }

    @Test
    void whatWriteReturnedFromSurvivesARebootOfTheImage() {
        var first = boot("""
                mkdir keep
                write keep/note.txt written before the reboot
                mkdir keep/inner
                exit
                """);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(List.of(), errors(first), first.err());
        var second = boot("""
                ls keep
                cat /keep/note.txt
                write keep/more.txt another
                heap
                exit
                """);
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(List.of(), errors(second), second.err());
        List<String> out = second.out().lines().filter(l -> !l.startsWith("SingJ ")).toList();
        // the blocks cat and write moved the bytes in are the shell's (pid 4), freed when each command ends
        assertTrue(out.stream().noneMatch(l -> l.matches("\\s+4  shell\\s.*")), second.out());
        assertTrue(second.out().contains("in flight: 0 blocks\n"), second.out());
        out = out.subList(0, out.indexOf(out.stream().filter(l -> l.matches("\\s*PID\\s.*|no SIP owns a block")).findFirst()
                .orElseThrow()));
        assertEquals(3, out.size(), second.out());
        assertTrue(out.get(0).matches("\\s+26  note\\.txt"), second.out());
        assertTrue(out.get(1).matches("\\s+\\d+  inner/"), second.out());
        assertEquals("written before the reboot", out.get(2));
    }

    @Test
    void withTheFileSystemKilledEachCommandSaysItIsNotRunningAndTheShellGoesOn() {
        // pid 3 is the file system (console 1, disk driver 2): the shell's channel to /fs closes with it
        var session = boot("""
                write before.txt kept
                kill 3
                ls
                cat before.txt
                write after.txt lost
                mkdir d
                rm before.txt
                help cat
                exit
                """);
        assertEquals(0, session.exitCode(), session.err());
        List<String> errors = errors(session);
        assertEquals(5, errors.size(), session.err());
        for (String command : List.of("ls", "cat", "write", "mkdir", "rm")) {
            assertTrue(errors.stream().anyMatch(e -> e.startsWith("singj: " + command + ": the file system is not running")),
                    command + " in\n" + session.err());
        }
        assertTrue(session.out().contains("usage: cat PATH\n"), "the shell read on: " + session.out());
        assertFalse(session.err().contains("internal error"), session.err());
    }

    /**
     * A program that writes a file and exits without syncing it: the file system commits what its
     * client left when the client's last endpoint closes, and at the latest when the system shuts
     * down, so the file is there after a reboot. Then {@code mv} and {@code df} on it.
     */
    @Test
    void aProgramThatNeverSyncsKeepsItsFileAcrossACleanRebootAndMvAndDfWork() {
        Path jar = singj.cli.testing.ProgramCompiler.compile("LazyWriter", java.util.Map.of("LazyWriter.java",
                CorpusFiles.read("corpus/storage/LazyWriter.java")), work.resolve("lazy"),
                java.util.Map.of("SingJ-Opens", "/fs"));
        var first = boot("install " + jar + " lazy\nrun --opens=/fs lazy lazy.txt never synced by its writer\nexit\n");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(List.of(), errors(first), first.err());
        assertTrue(first.out().contains("wrote 27 bytes, not synced\n"), first.out() + first.err());
        var second = boot("""
                cat lazy.txt
                df
                mkdir d
                mv lazy.txt d
                mv d/lazy.txt d/renamed.txt
                ls d
                mv d moved
                mv missing.txt x
                mv / x
                mv moved/renamed.txt
                ls
                cat moved/renamed.txt
                help mv
                help df
                exit
                """);
        assertEquals(0, second.exitCode(), second.err());
        List<String> out = second.out().lines().filter(l -> !l.startsWith("SingJ ")).toList();
        assertEquals("never synced by its writer", out.get(0), second.out());
        assertTrue(out.get(1).matches("\\s+size\\s+used\\s+free\\s+use%"), second.out());
        assertTrue(out.get(2).matches("space\\s+\\d+(\\.\\d)? MiB\\s+\\d+(\\.\\d)? KiB\\s+\\d+(\\.\\d)? MiB\\s+1%"), out.get(2));
        assertTrue(out.get(3).matches("files\\s+\\d+\\s+2\\s+\\d+\\s+1%"), "the root and lazy.txt: " + out.get(3));
        assertTrue(out.get(4).matches("quota of the shell: \\d.* of 32 MiB, \\d+ of 4096 files"), out.get(4));
        assertTrue(out.get(5).matches("\\s+27  renamed\\.txt"), second.out());
        assertTrue(out.get(6).matches("\\s+\\d+  moved/"), second.out());
        assertEquals("never synced by its writer", out.get(7), second.out());
        assertTrue(second.out().contains("usage: mv FROM TO\n") && second.out().contains("usage: df\n"), second.out());
        List<String> errors = errors(second);
        List<String> expected = List.of("singj: mv: missing.txt: no such file or directory (",
                "singj: mv: '/' is the root of the file system, which stays",
                "singj: mv: expects two paths (mv FROM TO)");
        assertEquals(expected.size(), errors.size(), second.err());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(errors.get(i).startsWith(expected.get(i)), errors.get(i) + " in\n" + second.err());
        }
    }
}
