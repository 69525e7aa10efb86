package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.CapturedOutput;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SipState;

/**
 * A SIP cannot park the heap in the queues of a peer that never reads (docs/memory.md, "Messages
 * in flight"): `Parker`, with a 16 MiB quota, tries to queue 1 GiB of 1 MiB notes at `Sink`,
 * which accepts every client and reads nothing. Judged from outside: its sends are refused (or it
 * is killed for its memory) with at most its quota unread; the sink keeps running; after the kill
 * the heap is back where it was before the parker started.
 */
class UnreadMessagesTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path work;
    private static Kernel kernel;
    private static SealedProgram sink;
    private static SealedProgram parker;

    @BeforeAll
    static void boot() {
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
        sink = seal("Sink", Map.of("SingJ-Contracts", "Park", "SingJ-Registers", "/service/sink"));
        parker = seal("Parker", Map.of("SingJ-Contracts", "Park", "SingJ-Opens", "/service/*"));
    }

    @AfterAll
    static void shutDown() {
        kernel.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fresh", "same"})
    void aSipCannotParkItsHeapInAPeerThatNeverReads(String mode) throws Exception {
        var sinkOut = new CapturedOutput();
        Proc peer = kernel.spawn(sink, SipOptions.of(new Stdio(InputStream.nullInputStream(), sinkOut, sinkOut)));
        try {
            sinkOut.awaitText("ready", Duration.ofSeconds(30));
            parkAtAPeerThatNeverReads(mode, peer, sinkOut);
        } finally {
            peer.kill(KillCause.REQUESTED, "test over");
            assertNotNull(peer.awaitExit(Duration.ofSeconds(30)));
        }
    }

    private void parkAtAPeerThatNeverReads(String mode, Proc peer, CapturedOutput sinkOut) throws Exception {
        long before = usedHeapAfterCollections();
        var out = new CapturedOutput();
        Proc sip = kernel.spawn(parker, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out), mode, "1024")
                .withMemoryQuota(16 * MIB));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long mostUnread = 0;
        while (!out.text().contains("refused after") && !sip.exitStatus().isDone() && System.nanoTime() < deadline) {
            mostUnread = Math.max(mostUnread, sip.holdings().queuedBytes());
            Thread.sleep(5);
        }
        mostUnread = Math.max(mostUnread, sip.holdings().queuedBytes());
        assertFalse(out.text().contains("parked 1024 MiB"), out.text());
        assertFalse(out.text().contains("sent past the limit"), out.text());
        assertTrue(mostUnread <= 16 * MIB, "unread at most its quota: " + mostUnread);
        assertTrue(out.text().contains("refused after") || sip.exitStatus().isDone(), () -> "neither refused nor killed: " + out.text());
        if (mode.equals("fresh")) {
            // it holds nothing but what waits unread (under its quota): refused, never killed, until the test kills it
            assertTrue(out.text().contains("its peers have not read"), out.text());
            long parked = usedHeapAfterCollections() - before;
            System.out.println("UNREAD " + mode + ": refused, " + sip.holdings().queuedBytes() / MIB + " MiB charged unread, heap "
                    + parked / MIB + " MiB above the start");
            assertTrue(parked >= 8 * MIB, "the parked notes are on the heap (the test measures something): " + parked / MIB + " MiB");
        }
        sip.kill(KillCause.REQUESTED, "test");
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(30));
        assertNotNull(status, "the parker did not end");
        // "same" also holds the string it sends again and again: its census (unread + its own) may kill it first
        assertTrue(status.killCause() == KillCause.REQUESTED || status.killCause() == KillCause.MEMORY_QUOTA, status::toString);
        System.out.println("UNREAD " + mode + ": " + status + "; " + out.text().lines().findFirst().orElse(""));
        assertEquals(0, sip.holdings().queuedBytes(), "a killed SIP's unread messages are dropped");
        assertEquals(0, sip.threadCount());

        long after = usedHeapAfterCollections();
        System.out.println("UNREAD " + mode + ": heap " + (after - before) / 1024 + " KiB above the start after the kill");
        assertTrue(after - before < 4 * MIB, "the parked messages are gone from the heap: " + (after - before) / MIB + " MiB left");
        assertEquals(SipState.RUNNING, peer.state(), "the sink keeps running: " + sinkOut.text());
        assertFalse(peer.exitStatus().isDone(), sinkOut.text());
    }

    private static long usedHeapAfterCollections() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            least = Math.min(least, runtime.totalMemory() - runtime.freeMemory());
        }
        return least;
    }

    private static SealedProgram seal(String main, Map<String, String> attributes) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String file : new String[] {"Park.java", main + ".java"}) {
            sources.put(file, resource("corpus/unread/" + file));
        }
        Path jar = ProgramCompiler.compile(main, sources, work.resolve(main), attributes);
        return Installer.standard().seal(ProgramJar.read(jar), main.toLowerCase(), 0);
    }

    private static String resource(String name) {
        try (InputStream in = UnreadMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
