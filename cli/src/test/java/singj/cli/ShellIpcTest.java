package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;

/** The shell's view of IPC: {@code ns}, {@code channels}, {@code heap}, with the echo service and the pipeline's stages. */
class ShellIpcTest {
    @TempDir
    Path work;

    private ProcessRunner.Result boot(String script) {
        return ProcessRunner.singj(script, "boot", "--image", work.resolve("image").toString());
    }

    @Test
    void nsChannelsAndHeapShowTheServicesAndTheirOwnersUntilTheyAreKilled() throws Exception {
        // pids: console 1, disk driver 2, file system 3, shell 4, then pipe-sink 5, pipe-filter 6, echo-server 7, echo-client 8;
        // the rest of the script waits until the filter has its channel to the sink
        var session = bootInSteps(List.of("""
                ns
                channels
                heap
                run pipe-sink &
                run pipe-filter &
                """, """
                run echo-server &
                run echo-client hello world
                ns
                channels
                heap
                kill 7
                ns
                exit
                """), "filter: connected to /pipeline/sink");
        assertEquals(0, session.exitCode(), session.err());
        String out = session.out();
        List<String> lines = out.lines().toList();

        // before any SIP the shell starts speaks: the file system's block for a run of the disk driver's sectors, and its channel to the driver
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+3  file-system\\s+1\\s+0\\s+256 KiB")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("reserved: .* of \\S+ \\S+")), out);

        // the client's conversation, in upper case, and its goodbye
        // (the server's own line may come between: two SIPs' output reaches the console in either order)
        assertTrue(out.contains("HELLO\nWORLD\n"), out);
        assertTrue(out.contains("echo-client: goodbye (channel DONE)\n"), out);

        List<List<String>> nsTables = tables(lines, "NAME ", "/.*");
        assertEquals(3, nsTables.size(), out);
        List<String> initially = nsTables.get(0);
        assertEquals(9, initially.size(), initially.toString());
        // the disk driver's names, registered at boot before the shell starts
        assertTrue(initially.get(0).matches("/dev/disk0\\s+singj\\.abi\\.BlockDevice\\s+2 \\(disk-driver\\)\\s+0"),
                initially.toString());
        assertTrue(initially.get(1).matches("/dev/disk0/read-only\\s+singj\\.abi\\.BlockDevice\\s+2 \\(disk-driver\\)\\s+0"),
                initially.toString());
        assertTrue(initially.get(2).matches("/fs\\s+singj\\.abi\\.Directory\\s+3 \\(file-system\\)\\s+0"), initially.toString());
        initially = initially.subList(3, 9);
        // the system's services the shell speaks to: the console's line input, the kernel's, the installer (the host's)
        assertTrue(initially.get(0).matches("/kernel/console\\s+singj\\.abi\\.ConsoleControl\\s+1 \\(console\\)\\s+0"),
                initially.toString());
        assertTrue(initially.get(1).matches("/kernel/processes\\s+singj\\.abi\\.ProcessControl\\s+0 \\(kernel\\)\\s+0"),
                initially.toString());
        assertTrue(initially.get(2).matches("/kernel/programs\\s+singj\\.abi\\.Installer\\s+0 \\(host\\)\\s+0"),
                initially.toString());
        assertTrue(initially.get(3).matches("/kernel/status\\s+singj\\.abi\\.SystemStatus\\s+0 \\(kernel\\)\\s+0"),
                initially.toString());
        assertTrue(initially.get(4).matches("/process/children\\s+singj\\.abi\\.ProcessControl\\s+0 \\(kernel\\)\\s+0"),
                initially.toString());
        assertTrue(initially.get(5).matches("/service/console\\s+singj\\.abi\\.Terminal\\s+1 \\(console\\)\\s+0"),
                initially.toString());
        List<String> before = nsTables.get(1);
        assertTrue(before.stream().anyMatch(row -> row.matches(
                "/service/echo\\s+singj\\.apps\\.echoservice\\.EchoContract\\s+7 \\(echo-server\\)\\s+0")), before.toString());
        assertTrue(before.stream().anyMatch(row -> row.matches(
                "/pipeline/sink\\s+singj\\.apps\\.pipeline\\.PipeContract\\s+5 \\(pipe-sink\\)\\s+0")), before.toString());
        assertTrue(before.stream().anyMatch(row -> row.matches(
                "/pipeline/filter\\s+singj\\.apps\\.pipeline\\.PipeContract\\s+6 \\(pipe-filter\\)\\s+0")), before.toString());

        // the shell opens its channel to the process manager at its first ps or kill: none yet; the file system's to the driver
        List<List<String>> channelTables = tables(lines, "  ID  CONTRACT", "\\s*\\d+  .*");
        assertEquals(2, channelTables.size(), out + session.err());
        // the shell is a SIP like any: its output to the console, its line input from it, its channel for 'ns' and 'channels'
        List<String> shells = channelTables.getFirst().stream().filter(row -> row.contains("pid 4 (shell)")).toList();
        assertEquals(3, shells.size(), shells.toString());
        assertTrue(shells.get(0).matches("\\s*\\d+  singj\\.abi\\.Terminal\\s+pid 4 \\(shell\\)\\s+READY\\s+pid 1 \\(console\\).*"), shells.toString());
        assertTrue(shells.get(1).matches("\\s*\\d+  singj\\.abi\\.ConsoleControl\\s+pid 4 \\(shell\\)\\s+IDLE\\s+pid 1 \\(console\\).*"), shells.toString());
        assertTrue(shells.get(2).matches("\\s*\\d+  singj\\.abi\\.SystemStatus\\s+pid 4 \\(shell\\)\\s+CHANNELS\\s+pid 0 \\(kernel\\).*"), shells.toString());
        assertEquals(4, channelTables.getFirst().size(), channelTables.getFirst().toString());
        assertTrue(channelTables.getFirst().getFirst().matches(
                "\\s*\\d+  singj\\.abi\\.BlockDevice\\s+pid 3 \\(file-system\\)\\s+READY\\s+pid 2 \\(disk-driver\\)\\s+READY.*"),
                channelTables.getFirst().toString());
        // the filter holds a channel to the sink; the echo client's channel went with its goodbye
        channelTables = channelTables.subList(1, 2);
        String shellToKernel = "\\s*\\d+  singj\\.abi\\.ProcessControl.*";
        // every SIP the shell started has a Terminal channel to the console for its output
        List<String> toConsole = channelTables.getFirst().stream().filter(row -> row.contains("singj.abi.Terminal")).toList();
        assertTrue(toConsole.stream().anyMatch(row -> row.matches("\\s*\\d+  singj\\.abi\\.Terminal\\s+pid 5 \\(pipe-sink\\)\\s+\\S+\\s+pid 1 \\(console\\).*")),
                toConsole.toString());
        // the shell started each program through the process manager, on a channel that waits for it
        List<String> waiting = channelTables.getFirst().stream().filter(row -> row.matches(shellToKernel)
                && row.contains("pid 4 (shell)") && row.contains("RUNNING")).toList();
        assertEquals(3, waiting.size(), "one channel per background program:\n" + channelTables.getFirst());
        // and each was handed the shell's directory on the file system as its working directory
        for (String program : List.of("pid 5 (pipe-sink)", "pid 6 (pipe-filter)", "pid 7 (echo-server)")) {
            assertTrue(channelTables.getFirst().stream().anyMatch(row -> row.matches(
                    "\\s*\\d+  singj\\.abi\\.Directory\\s+" + java.util.regex.Pattern.quote(program) + "\\s+READY\\s+pid 3 \\(file-system\\).*")),
                    program + ": " + channelTables.getFirst());
        }
        List<String> channels = channelTables.getFirst().stream()
                .filter(row -> !row.contains("pid 4 (shell)") && !row.contains("singj.abi.Terminal")
                        && !row.contains("singj.abi.BlockDevice") && !row.contains("singj.abi.Directory")).toList();
        assertEquals(1, channels.size(), channels.toString());
        assertTrue(channels.getFirst().matches(
                "\\s*\\d+  singj\\.apps\\.pipeline\\.PipeContract\\s+pid 6 \\(pipe-filter\\)\\s+READY\\s+pid 5 \\(pipe-sink\\)\\s+READY\\s+0\\s+0"),
                channels.getFirst());

        // after the kill the echo service's name is gone, the pipeline's are not
        List<String> after = nsTables.get(2);
        assertFalse(after.stream().anyMatch(row -> row.startsWith("/service/echo")), after.toString());
        assertEquals(11, after.size(), after.toString());
        assertTrue(session.err().contains("[pid 7 (echo-server) killed: killed by the shell]"), session.err());
        assertFalse(session.err().contains("internal error"), session.err());
    }

    /** Boots a shell and types {@code steps} into it, each after the output shows {@code awaited} (for every step but the first). */
    private ProcessRunner.Result bootInSteps(List<String> steps, String awaited) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var typed = new PipedOutputStream();
        var input = new PipedInputStream(typed, 1 << 16);
        var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        var errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] args = {"boot", "--image", work.resolve("image").toString()};
        CompletableFuture<Integer> shell = CompletableFuture.supplyAsync(() -> Main.execute(args, input, outStream, errStream));
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (!out.toString(StandardCharsets.UTF_8).contains(awaited)) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("no \"" + awaited + "\" in:\n" + out + err);
                    }
                    Thread.sleep(20);
                }
            }
            typed.write(steps.get(i).getBytes(StandardCharsets.UTF_8));
            typed.flush();
        }
        typed.close();
        int code = shell.get(60, TimeUnit.SECONDS);
        return new ProcessRunner.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpExplainsTheIpcCommands() {
        var session = boot("help ns\nhelp channels\nhelp heap\nns extra\n");
        assertEquals(0, session.exitCode(), session.err());
        assertTrue(session.out().contains("usage: ns\nList the names SIPs registered with the nameserver.\n"), session.out());
        assertTrue(session.out().contains("usage: channels\n"), session.out());
        assertTrue(session.out().contains("usage: heap\n"), session.out());
        assertTrue(session.out().contains("  One row per SIP that owns blocks"), session.out());
        assertEquals("singj: ns: takes no arguments\n", session.err());
    }

    /**
     * The rows of every table whose header starts with {@code header}: the lines that follow it and
     * match {@code row}, up to the next table of any kind (a background SIP's output may fall between rows).
     */
    private static List<List<String>> tables(List<String> lines, String header, String row) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith(header)) {
                current = new ArrayList<>();
                tables.add(current);
            } else if (line.startsWith("NAME ") || line.startsWith("  ID  ") || line.startsWith("  PID  ")) {
                current = null;
            } else if (current != null && line.matches(row)) {
                current.add(line.stripTrailing());
            }
        }
        return tables;
    }
}
