package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import singj.kernel.ipc.NameServer;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * Hostile (issue 18's review): a SIP parked in an untimed receive is killed while a third party
 * keeps the other end of its channel in flight, bounced between two SIPs inside messages. The
 * kill must end it (the park must not wait for a peer that is, at that moment, no SIP's), and once
 * the other two are killed too nothing is left: no channel, no block, no name, nothing held.
 */
class KilledWhilePeerEndMovesTest {
    private static final int ROUNDS = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    static Path work;

    @Test
    void theVictimEndsAndNothingIsLeftWhateverThePeerEndIsDoing() throws Exception {
        Path jar = ProgramCompiler.compile("EndMover", Map.of("EndMover.java", CorpusFiles.read("corpus/end-mover/EndMover.java")),
                work, Map.of("SingJ-Contracts", "EndMover$Wait EndMover$Bounce", "SingJ-Registers", "/mover/*",
                        "SingJ-Opens", "/mover/*"));
        SealedProgram program = Installer.standard().seal(ProgramJar.read(jar), "end-mover", 0);
        Random random = new Random(18);
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            for (int round = 0; round < ROUNDS; round++) {
                var keeperOut = new ByteArrayOutputStream();
                var victimOut = new ByteArrayOutputStream();
                var moverOut = new ByteArrayOutputStream();
                Proc keeper = spawn(kernel, program, keeperOut, "keeper");
                Proc victim = spawn(kernel, program, victimOut, "victim");
                awaitNames(kernel, List.of("/mover/keeper", "/mover/victim"));
                Proc mover = spawn(kernel, program, moverOut, "mover");
                awaitOutput(victimOut, "parked");
                awaitOutput(moverOut, "moving");
                Thread.sleep(0, random.nextInt(1_000_000)); // the peer end in a SIP or in a message, by chance

                victim.kill(KillCause.REQUESTED, "end-mover round " + round);
                ExitStatus status = victim.awaitExit(DEADLINE);
                assertNotNull(status, "round " + round + ": the victim did not end within " + DEADLINE.toSeconds()
                        + " s of its kill: " + victim.lifecycle());
                assertTrue(status.wasKilled(), "round " + round + ": " + status);
                assertTrue(!victimOut.toString(StandardCharsets.UTF_8).contains("received"), "nothing was ever sent to it");

                for (Proc other : List.of(mover, keeper)) {
                    other.kill(KillCause.REQUESTED, "end-mover round over");
                    assertNotNull(other.awaitExit(DEADLINE), "round " + round + ": " + other + " did not end");
                }
                for (Proc sip : List.of(victim, mover, keeper)) {
                    assertTrue(sip.holdings().isEmpty(), "round " + round + ": " + sip + " still holds " + sip.holdings().summary());
                }
                awaitNothingLeft(kernel, round);
            }
        }
    }

    private static Proc spawn(Kernel kernel, SealedProgram program, ByteArrayOutputStream out, String mode) {
        return kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out), mode));
    }

    private static void awaitNames(Kernel kernel, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!kernel.ipc().names().list().stream().map(NameServer.NameInfo::name).toList().containsAll(names)) {
            assertTrue(System.nanoTime() < deadline, "not registered: " + names + " in " + kernel.ipc().names().list());
            Thread.sleep(1);
        }
    }

    private static void awaitOutput(ByteArrayOutputStream out, String line) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains(line)) {
            assertTrue(System.nanoTime() < deadline, "never printed " + line + ": " + out);
            Thread.sleep(1);
        }
    }

    /** No channel, no block in use or in flight, and no name but the kernel's own. */
    private static void awaitNothingLeft(Kernel kernel, int round) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (kernel.ipc().channels().size() > 0 || kernel.ipc().heap().inUse() > 0 || kernel.ipc().heap().inFlight() > 0
                || kernel.ipc().names().list().stream().anyMatch(name -> name.pid() != 0)) {
            assertTrue(System.nanoTime() < deadline, "round " + round + ": left behind: channels " + kernel.ipc().channels().list()
                    + ", blocks " + kernel.ipc().heap().inUse() + ", names " + kernel.ipc().names().list());
            Thread.sleep(10);
        }
        assertEquals(0, kernel.ipc().channels().size());
    }
}
