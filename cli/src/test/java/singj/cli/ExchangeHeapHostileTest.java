package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * A SIP that took a chunk of every size class of the exchange heap, up to the whole heap, then
 * exited or was killed: judged from outside, the heap has nothing of it in use and has given its
 * chunks back, and an honest SIP after it gets the heap's whole capacity.
 */
class ExchangeHeapHostileTest {
    private static final long MIB = 1 << 20;
    /** The heap, and each SIP's quota: one SIP may take all of it. */
    private static final long CAPACITY = 64 * MIB;

    @TempDir
    static Path work;
    private static Kernel kernel;
    private static SealedProgram program;

    @BeforeAll
    static void boot() {
        Path jar = ProgramCompiler.compile("HeapChurn", Map.of("HeapChurn.java",
                CorpusFiles.read("corpus/ipc-hostile/HeapChurn.java")), work, Map.of());
        program = Installer.standard().seal(ProgramJar.read(jar), "heap-churn", 0);
        kernel = Kernel.boot(new SystemImage(work.resolve("image")),
                new KernelConfig(KernelConfig.defaults().defaultMemoryQuota(), CAPACITY, CAPACITY));
    }

    @AfterAll
    static void shutDown() {
        kernel.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"churn-exit", "churn-hold"})
    void theHeapIsWholeAgainForTheNextSip(String mode) throws Exception {
        var out = new ByteArrayOutputStream();
        Proc hostile = kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), mode));
        if (mode.equals("churn-hold")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!out.toString(StandardCharsets.UTF_8).contains("holding") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(kernel.ipc().heap().inUse() > 0, "it holds blocks: " + out);
            hostile.kill(KillCause.REQUESTED, "by the test");
        }
        hostile.awaitExit(Duration.ofSeconds(30));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("churned 6 size classes"), printed);
        assertTrue(hostile.holdings().isEmpty(), hostile.holdings().summary());
        assertEquals(0, kernel.ipc().heap().inUse(), "no block of it is left");
        assertTrue(kernel.ipc().heap().reserved() <= CAPACITY / 8,
                "its chunks went back: " + kernel.ipc().heap().reserved() + " bytes still reserved");

        var honestOut = new ByteArrayOutputStream();
        Proc honest = kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), honestOut, System.err), "fill"));
        ExitStatus status = honest.awaitExit(Duration.ofSeconds(30));
        assertEquals(0, status.code(), honestOut.toString(StandardCharsets.UTF_8));
        assertTrue(honestOut.toString(StandardCharsets.UTF_8).contains("allocated 64 blocks of 1 MiB"),
                honestOut.toString(StandardCharsets.UTF_8));
        assertEquals(0, kernel.ipc().heap().inUse());
    }
}
