package singj.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import singj.bench.workloads.IdleSip;
import singj.bench.workloads.PingPong;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * {@code singj bench --scale N}: starts N SIPs of an installed program that takes a name, a channel
 * and an exchange block and then blocks in receive ({@link IdleSip}), reports the time per SIP
 * creation and the heap each idle SIP holds (measured after full collections), then kills them all
 * and checks in the kernel's own tables that every resource came back: processes, channels (and
 * so endpoints), names, exchange blocks, threads, and class loaders (weakly referenced, so that a
 * collection shows whether anything still holds one).
 */
public final class IdleSipScale {
    private static final String PROGRAM = "idle";
    private static final Duration SETTLE = Duration.ofSeconds(120);
    /** The system property naming a file for class histograms before and at the peak. */
    private static final String HISTOGRAM = "singj.bench.scale.histogram";
    /** The class of SingJ's carrier threads (package-private in the kernel, so named here). */
    private static final String SINGJ_CARRIER = "singj.kernel.sched.CarrierPool$Carrier";

    private IdleSipScale() {}

    /**
     * What was measured.
     *
     * @param held what the N SIPs held at their peak, by kind, over the kernel's state before (proof the check can fail)
     * @param leaked what was still held after they were all killed and reaped, by kind
     */
    public record Result(int sips, long createNanos, long heapBytesBefore, long heapBytesWith, long maxHeapBytes,
                         Map<String, Long> held, Map<String, Long> leaked) {
        public double createNsPerSip() {
            return (double) createNanos / sips;
        }

        public long heapBytesPerSip() {
            return (heapBytesWith - heapBytesBefore) / sips;
        }

        public long totalLeaked() {
            return leaked.values().stream().mapToLong(Long::longValue).sum();
        }

        public String toJson() {
            StringBuilder json = new StringBuilder("{");
            json.append("\"sips\":").append(sips);
            json.append(",\"create_ns_per_sip\":").append(Json.number(createNsPerSip()));
            json.append(",\"create_total_ms\":").append(Json.number(createNanos / 1e6));
            json.append(",\"heap_bytes_per_sip\":").append(heapBytesPerSip());
            json.append(",\"heap_bytes_with_sips\":").append(heapBytesWith);
            json.append(",\"max_heap_bytes\":").append(maxHeapBytes);
            json.append(",\"leaked\":").append(totalLeaked());
            json.append(",\"held\":").append(counts(held));
            json.append(",\"leaked_by_kind\":").append(counts(leaked));
            return json.append('}').toString();
        }

        private static String counts(Map<String, Long> counts) {
            StringBuilder json = new StringBuilder("{");
            counts.forEach((kind, count) -> json.append(json.length() > 1 ? "," : "").append(Json.string(kind)).append(':').append(count));
            return json.append('}').toString();
        }

        public String report() {
            return String.format(Locale.ROOT, """
                    %d idle SIPs (each blocked in receive, holding a name, a channel and an exchange block):
                      creation      %.1f µs per SIP, %.2f s in all
                      heap          %.1f KiB per idle SIP after full collections (%.0f MiB with all of them; max heap %.0f MiB)
                      held at peak  %s
                      after kill    %s
                      %s
                    """, sips, createNsPerSip() / 1000, createNanos / 1e9, heapBytesPerSip() / 1024.0, heapBytesWith / 1048576.0,
                    maxHeapBytes / 1048576.0, held, leaked,
                    totalLeaked() == 0 ? "every resource returned (leaked 0)" : "LEAKED " + totalLeaked() + " resources");
        }
    }

    public static Result run(int sips, PrintStream progress) throws InterruptedException {
        if (sips <= 0) {
            throw new IllegalArgumentException("--scale needs a positive number of SIPs, not " + sips);
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("singj-bench-scale");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            SystemImage image = new SystemImage(directory);
            image.store(SealedPrograms.seal(PROGRAM, IdleSip.class, Map.of("SingJ-Contracts", PingPong.class.getName(),
                    "SingJ-Registers", IdleSip.NAMES + "*")), "bench: " + IdleSip.class.getName(), "none");
            try (Kernel kernel = Kernel.boot(image, KernelConfig.defaults())) {
                return measure(kernel, sips, progress);
            }
        } finally {
            Table1.Image.deleteTree(directory);
        }
    }

    private static Result measure(Kernel kernel, int count, PrintStream progress) throws InterruptedException {
        progress.println("singj bench: warming up (spawning and killing a few idle SIPs)");
        killAll(startIdle(kernel, Math.min(count, 50), progress), progress);
        long heapBefore = heapAfterCollections();
        String histogramBefore = histogram();
        Map<String, Long> before = census(kernel, List.of());

        progress.printf("singj bench: creating %d idle SIPs%n", count);
        long start = System.nanoTime();
        List<Proc> sips = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sips.add(kernel.spawn(PROGRAM, SipOptions.of(Stdio.none())));
        }
        long createNanos = System.nanoTime() - start;
        awaitReceiving(sips, progress);
        long heapWith = heapAfterCollections();
        writeHistogram(histogramBefore);
        Map<String, Long> held = difference(census(kernel, sips), before);
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>(count);
        for (Proc sip : sips) {
            loaders.add(sip.classLoaderReference());
        }
        progress.printf("singj bench: %d SIPs idle; killing them%n", count);
        killAll(sips, progress);
        Map<String, Long> leaked = difference(awaitCensus(kernel, sips, before), before);
        sips.clear();
        leaked.put("loaders", (long) uncollected(loaders));
        held.put("loaders", (long) count);
        return new Result(count, createNanos, heapBefore, heapWith, Runtime.getRuntime().maxMemory(), held, leaked);
    }

    private static List<Proc> startIdle(Kernel kernel, int count, PrintStream progress) throws InterruptedException {
        List<Proc> sips = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sips.add(kernel.spawn(PROGRAM, SipOptions.of(Stdio.none())));
        }
        awaitReceiving(sips, progress);
        return sips;
    }

    /** Waits until every SIP's main has taken its resources and reached its receive. */
    private static void awaitReceiving(List<Proc> sips, PrintStream progress) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        for (Proc sip : sips) {
            MethodHandle receiving = sip.staticEntry(IdleSip.class.getName(), "receiving", MethodType.methodType(boolean.class));
            while (!call(receiving)) {
                if (sip.state() != singj.kernel.proc.SipState.RUNNING) {
                    throw new IllegalStateException(sip + " ended before it was idle: " + sip.exitStatus().getNow(null));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(sip + " was not idle within " + SETTLE.toSeconds() + " s");
                }
                Thread.sleep(1);
            }
        }
        Thread.sleep(50); // past the receivers' 20 µs spin: parked
    }

    private static boolean call(MethodHandle check) {
        try {
            return (boolean) check.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void killAll(List<Proc> sips, PrintStream progress) throws InterruptedException {
        for (Proc sip : sips) {
            sip.kill(KillCause.REQUESTED, "scale benchmark over");
        }
        for (Proc sip : sips) {
            if (sip.awaitExit(SETTLE) == null) {
                throw new IllegalStateException(sip + " was not reaped within " + SETTLE.toSeconds() + " s of its kill");
            }
        }
    }

    /**
     * What the kernel holds, by kind, as its own tables say: {@code threads} are the live threads of
     * {@code sips} (the kernel tracks each SIP's, virtual or not), {@code platform_threads} the JVM's
     * but the kernel's reaper pool, the carrier threads of virtual threads (the JDK's and SingJ's
     * own pool: pools that keep idle threads a while, and that the carrier
     * watch grows while SIPs compute), the JDK's timer for timed parks of virtual threads (made on the
     * first one) and the JVM's one carrier watch (a kernel thread left behind would show there).
     */
    private static Map<String, Long> census(Kernel kernel, List<Proc> sips) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("processes", (long) kernel.processes().size());
        counts.put("threads", sips.stream().mapToLong(Proc::threadCount).sum());
        counts.put("platform_threads", Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("singj-reaper-")
                        && !thread.getName().equals("singj-carrier-watch")
                        && !thread.getClass().getName().equals(SINGJ_CARRIER)
                        && !thread.getName().equals("VirtualThread-unparker")
                        && !thread.getClass().getName().equals("jdk.internal.misc.CarrierThread"))
                .count());
        counts.put("channels", (long) kernel.ipc().channels().size());
        counts.put("names", (long) kernel.ipc().names().list().size());
        counts.put("exchange_blocks", (long) kernel.ipc().heap().inUse());
        return counts;
    }

    /** The census once it is back to {@code before} (threads end a moment after their SIP is reaped), or after a few seconds. */
    private static Map<String, Long> awaitCensus(Kernel kernel, List<Proc> sips, Map<String, Long> before)
            throws InterruptedException {
        Map<String, Long> now = census(kernel, sips);
        for (int i = 0; i < 100 && difference(now, before).values().stream().anyMatch(n -> n > 0); i++) {
            Thread.sleep(50);
            now = census(kernel, sips);
        }
        return now;
    }

    private static Map<String, Long> difference(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> difference = new java.util.LinkedHashMap<>();
        now.forEach((kind, count) -> difference.put(kind, Math.max(0, count - before.getOrDefault(kind, 0L))));
        return difference;
    }

    /** Loaders still reachable after collections (a few tries: a loader's classes can take more than one). */
    private static int uncollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        int alive = loaders.size();
        for (int i = 0; i < 10 && alive > 0; i++) {
            System.gc();
            Thread.sleep(20);
            alive = (int) loaders.stream().filter(reference -> reference.get() != null).count();
        }
        return alive;
    }

    /**
     * The JVM's class histogram (as {@code jcmd GC.class_histogram} prints it), if
     * {@code -Dsingj.bench.scale.histogram=FILE} asks for one: where an idle SIP's heap goes.
     */
    private static String histogram() {
        if (System.getProperty(HISTOGRAM) == null) {
            return "";
        }
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("no class histogram: " + e, e);
        }
    }

    /** Writes the histogram before the SIPs and the one with them to the file {@link #HISTOGRAM} names. */
    private static void writeHistogram(String before) {
        String file = System.getProperty(HISTOGRAM);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), "before the SIPs:\n" + before + "\nwith them:\n" + histogram());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Heap in use after full collections, in bytes. */
    private static long heapAfterCollections() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
