package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import singj.kernel.ipc.Quotas;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * Memory is charged whoever allocates it, by the JVM's heap sampler (docs/memory.md): programs
 * whose memory no `new` of theirs allocates (a JDK collection growing, strings and copies JDK
 * code makes, one multianewarray, the stacks of parked virtual threads) and a program that times
 * its hoarding between the JVM's collections are killed near their quota, each beside two honest
 * SIPs that are never killed: one that makes far more garbage than its quota, one that keeps 10
 * MiB of its 16 MiB quota live while it churns through 20 times that. Also while spinning
 * threads keep every core busy. The estimate at each kill is printed (the overshoot measured in
 * docs/memory.md) and checked against the bound there.
 */
class MemoryChargedTest {
    private static final long MIB = 1024 * 1024;
    private static final Pattern ESTIMATE = Pattern.compile("about (\\d+) MiB");
    private static final Pattern COUNTED = Pattern.compile("(more than )?(\\d+\\.\\d) MiB reachable");

    @TempDir
    static Path work;
    private static Kernel kernel;
    private static SealedProgram garbageHeavy;
    private static SealedProgram honestChurn;

    @BeforeAll
    static void boot() throws Exception {
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
        garbageHeavy = seal("corpus/isolation/GarbageHeavy.java");
        honestChurn = seal("corpus/memory/HonestChurn.java");
    }

    @AfterAll
    static void shutDown() {
        kernel.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {16, 64})
    void aJdkListGrownPastTheQuotaIsCharged(long quota) throws Exception {
        assertKilledBesideHonestSips("corpus/memory/GrowJdkCollection.java", quota * MIB, Quotas.UNSET, "list");
    }

    @ParameterizedTest
    @ValueSource(longs = {16, 64})
    void aJdkMapGrownPastTheQuotaIsCharged(long quota) throws Exception {
        assertKilledBesideHonestSips("corpus/memory/GrowJdkCollection.java", quota * MIB, Quotas.UNSET, "map");
    }

    @ParameterizedTest
    @ValueSource(strings = {"repeat", "copyOf", "builder"})
    void whatJdkCodeAllocatesForTheSipIsCharged(String how) throws Exception {
        assertKilledBesideHonestSips("corpus/memory/JdkMadeStrings.java", 16 * MIB, Quotas.UNSET, how);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1048576", "1024"})
    void oneMultianewarrayLargerThanTheQuotaIsRefusedBeforeItIsAllocated(String rowBytes) throws Exception {
        long mebibytes = Math.min(900, Runtime.getRuntime().maxMemory() / MIB / 3);
        assertKilledBesideHonestSips("corpus/memory/BigMultiArray.java", 16 * MIB, Quotas.UNSET,
                "one", String.valueOf(mebibytes), rowBytes);
    }

    @Test
    void manySmallMultianewarraysAreCharged() throws Exception {
        assertKilledBesideHonestSips("corpus/memory/BigMultiArray.java", 16 * MIB, Quotas.UNSET, "many");
    }

    @Test
    void theStacksOfParkedVirtualThreadsAreCharged() throws Exception {
        assertKilledBesideHonestSips("corpus/memory/ManyVirtualThreads.java", 16 * MIB, new Quotas(300_000, 0, 0, 0, 0), "200000");
    }

    @Test
    void hoardingTimedBetweenCollectionsIsCharged() throws Exception {
        assertKilledBesideHonestSips("corpus/memory/TimedHoarder.java", 16 * MIB, Quotas.UNSET);
    }

    @Test
    void onALoadedMachineHoardersAreKilledAndHonestSipsAreNot() throws Exception {
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            load.add(Thread.ofPlatform().daemon().start(() -> {
                long x = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.println(x);
                }
            }));
        }
        try {
            assertKilledBesideHonestSips("corpus/memory/GrowJdkCollection.java", 16 * MIB, Quotas.UNSET, "list");
            assertKilledBesideHonestSips("corpus/memory/TimedHoarder.java", 16 * MIB, Quotas.UNSET);
        } finally {
            load.forEach(Thread::interrupt);
        }
    }

    private void assertKilledBesideHonestSips(String hostile, long quota, Quotas quotas, String... args) throws Exception {
        var garbageOut = new CapturedOutput();
        Proc garbage = kernel.spawn(garbageHeavy, SipOptions.of(new Stdio(InputStream.nullInputStream(), garbageOut, garbageOut), "1024")
                .withMemoryQuota(64 * MIB));
        var churnOut = new CapturedOutput();
        Proc churn = kernel.spawn(honestChurn, SipOptions.of(new Stdio(InputStream.nullInputStream(), churnOut, churnOut), "10", "320")
                .withMemoryQuota(16 * MIB));
        var out = new CapturedOutput();
        Proc sip = kernel.spawn(seal(hostile), SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out), args)
                .withMemoryQuota(quota).withQuotas(quotas));

        // a generous wait: ending 200,000 virtual threads on a loaded machine takes a while
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(180));
        assertNotNull(status, () -> hostile + " was not stopped; it holds about " + sip.memoryEstimate() / MIB + " MiB");
        assertEquals(KillCause.MEMORY_QUOTA, status.killCause(), () -> status + "; output: " + out.text());
        assertTrue(status.detail().startsWith("memory quota of " + quota / MIB + " MiB exceeded"), status.detail());
        Matcher estimate = ESTIMATE.matcher(status.detail());
        // refused before it was allocated (one array larger than the quota), or killed on its estimate
        boolean estimated = estimate.find();
        assertTrue(estimated || status.detail().contains("is larger than the whole quota"), status.detail());
        long held = estimated ? Long.parseLong(estimate.group(1)) * MIB : 0;
        Matcher counted = COUNTED.matcher(status.detail());
        // every kill for a quota is confirmed by a census, which says how far over the quota the SIP was
        assertTrue(!estimated || counted.find(), status.detail());
        System.out.println("MEMORY " + hostile + " " + String.join(" ", args) + " at " + quota / MIB + " MiB: killed with an estimate of "
                + held / MIB + " MiB, " + (estimated ? counted.group(0) + " (counted)" : "refused before allocation"));
        assertTrue(held <= mostHeld(quota), () -> "held " + held / MIB + " MiB, more than docs/memory.md's bound of "
                + mostHeld(quota) / MIB + " MiB: " + status.detail());
        assertTrue(!out.text().contains("held"), out.text());
        assertEquals(0, sip.threadCount());

        ExitStatus garbageStatus = garbage.awaitExit(Duration.ofSeconds(120));
        assertEquals(ExitStatus.exited(0), garbageStatus, () -> "the garbage maker: " + garbageOut.text());
        assertTrue(garbageOut.text().startsWith("allocated 1024 MiB, checksum "), garbageOut.text());
        ExitStatus churnStatus = churn.awaitExit(Duration.ofSeconds(120));
        assertEquals(ExitStatus.exited(0), churnStatus, () -> "the honest SIP near its quota: " + churnOut.text());
        assertTrue(churnOut.text().startsWith("allocated 320 MiB, checksum "), churnOut.text());
    }

    /**
     * The most a hoarder may hold when it is judged: twice the limit (the quota and its margin,
     * {@code MemoryAccount.margin}), which a fresh hoarder reaches before its judgment stalls it,
     * and 64 MiB for what its threads allocate while stalled and until the JVM's next collection
     * (docs/memory.md, "What a hoarder holds when it is judged").
     */
    private static long mostHeld(long quota) {
        double interval = 256 * 1024;
        double confidence = Math.log(1e9);
        double third = confidence * interval / 3;
        long margin = (long) Math.ceil(third + Math.sqrt(third * third + 2 * confidence * quota * interval));
        return 2 * (quota + margin) + 64 * MIB;
    }

    private static SealedProgram seal(String resource) throws Exception {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        Path dir = Files.createDirectories(work.resolve(file.replace(".java", "")));
        ProgramJar program = ProgramJar.read(ProgramCompiler.compileResource(resource, dir));
        return Installer.standard().seal(program, program.defaultName(), 0);
    }
}
