package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * Kills of both sides of conversations at random moments, a thousand times: afterwards no block,
 * channel, name or holding of a dead SIP remains, and a new pair still talks.
 */
class KillStormTest {
    private static final int KILLS = 1000;

    @TempDir
    Path work;

    @Test
    void aThousandKillsMidConversationLeaveNothingBehind() throws Exception {
        Path jar = ProgramCompiler.compile("Storm", Map.of("Storm.java", CorpusFiles.read("corpus/storm/Storm.java")), work,
                Map.of("SingJ-Contracts", "Storm$Talk", "SingJ-Registers", "/storm/talk", "SingJ-Opens", "/storm/talk"));
        SealedProgram storm = Installer.standard().seal(ProgramJar.read(jar), "storm", 0);
        Random random = new Random(42);
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            Proc server = startServer(kernel, storm);
            List<Proc> dead = new ArrayList<>();
            List<Proc> clients = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++) {
                while (clients.size() < 4) {
                    clients.add(spawn(kernel, storm, OutputStream.nullOutputStream(), "client"));
                }
                Thread.sleep(0, random.nextInt(500_000));
                if (random.nextInt(50) == 0) {
                    server.kill(KillCause.REQUESTED, "storm");
                    dead.add(server);
                    // its name goes when it is gone
                    assertNotNull(server.awaitExit(Duration.ofSeconds(10)), "the server did not end after its kill");
                    server = startServer(kernel, storm);
                } else {
                    Proc victim = clients.remove(random.nextInt(clients.size()));
                    victim.kill(KillCause.REQUESTED, "storm");
                    dead.add(victim);
                }
            }
            for (Proc sip : clients) {
                sip.kill(KillCause.REQUESTED, "storm over");
                dead.add(sip);
            }
            for (Proc sip : dead) {
                assertNotNull(sip.awaitExit(Duration.ofSeconds(10)), sip + " did not end");
                assertTrue(sip.holdings().isEmpty(), sip + " still holds " + sip.holdings().summary());
            }
            // only the last server is alive: its name, no channel, no block
            var names = kernel.ipc().names().list().stream().filter(n -> n.pid() != 0) /* the kernel's own */.toList();
            assertEquals(1, names.size(), names.toString());
            assertEquals(server.pid(), names.getFirst().pid());
            awaitQuiet(kernel, server);

            var out = new ByteArrayOutputStream();
            Proc survivor = spawn(kernel, storm, out, "client");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!out.toString(StandardCharsets.UTF_8).contains("talking")) {
                assertTrue(System.nanoTime() < deadline, "a new client could not talk to the server");
                Thread.sleep(10);
            }
            survivor.kill(KillCause.REQUESTED, "done");
            survivor.awaitExit(Duration.ofSeconds(10));
        }
    }

    /** No channel is open, and every block in use is the live server's (one it got from a client that died before the answer). */
    private static void awaitQuiet(Kernel kernel, Proc server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (kernel.ipc().channels().size() > 0 || kernel.ipc().heap().inUse() != server.holdings().blockCount()
                || kernel.ipc().heap().inFlight() > 0) {
            assertTrue(System.nanoTime() < deadline, "left behind: " + kernel.ipc().channels().list()
                    + ", blocks in use: " + kernel.ipc().heap().inUse() + " (in flight " + kernel.ipc().heap().inFlight()
                    + ", the server's " + server.holdings().blockCount() + ")");
            Thread.sleep(10);
        }
    }

    private static Proc startServer(Kernel kernel, SealedProgram storm) throws InterruptedException {
        var out = new ByteArrayOutputStream();
        Proc server = spawn(kernel, storm, out, "server");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains("ready")) {
            assertTrue(System.nanoTime() < deadline, "the server did not start: " + out);
            Thread.sleep(1);
        }
        return server;
    }

    private static Proc spawn(Kernel kernel, SealedProgram program, OutputStream out, String mode) {
        return kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), mode));
    }
}
