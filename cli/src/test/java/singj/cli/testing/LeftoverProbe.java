package singj.cli.testing;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.management.ObjectName;
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
 * The measurement behind {@code NothingLeftBehindTest}, in a JVM of its own (started with soft
 * references cleared at every collection, see the test): boots a kernel, runs a round of SIPs
 * that leave behind all they can ({@code corpus/leftovers}) to warm up, measures the heap, runs
 * another round with values the first never used, measures again, and prints what it found as
 * {@code key value} lines (and, if the heap grew, the classes whose instances grew most).
 *
 * <p>Args: WORK_DIR CACHE_FILLER_JAR HOLDER_JAR COUNT LOCALES (CacheFiller's: {@code new} or {@code available})
 */
public final class LeftoverProbe {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private LeftoverProbe() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        SealedProgram filler = seal(Path.of(args[1]), "CacheFiller");
        SealedProgram holder = seal(Path.of(args[2]), "Holder");
        int count = Integer.parseInt(args[3]);
        String locales = args[4];
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            round(kernel, filler, holder, count, locales, "w", new ArrayList<>()); // JDK and kernel classes loaded, their one-time caches filled
            long threadsBefore = threads();
            int namesBefore = kernel.ipc().names().list().size(); // the kernel's own /kernel/processes
            Map<String, Long> histogramBefore = bytesByClass(histogram()); // made first: alive in both measurements
            long before = settledHeap();

            List<WeakReference<Object>> sips = new ArrayList<>();
            List<WeakReference<ClassLoader>> loaders = round(kernel, filler, holder, count, locales, "r", sips);
            int uncollected = uncollected(loaders);
            int sipsUncollected = uncollected(sips);
            long after = settledHeap();

            print("baseline", before);
            print("after", after);
            print("loaders", loaders.size());
            print("loaders_uncollected", uncollected);
            print("sips_uncollected", sipsUncollected);
            print("processes", kernel.processes().size());
            print("channels", kernel.ipc().channels().size());
            print("names", kernel.ipc().names().list().size() - namesBefore);
            print("exchange_blocks", kernel.ipc().heap().inUse());
            print("thread_growth", threads() - threadsBefore);
            System.out.println("growth-by-class");
            growth(histogramBefore, bytesByClass(histogram())).forEach((name, bytes) -> System.out.println("  " + bytes + " " + name));
        }
    }

    /**
     * One round with values made from {@code seed}: CacheFillers that return, exit and are killed
     * while they block, a Holder server with 200 names and two clients, all killed while they
     * hold. Returns weak references to every SIP's class loader, and adds to {@code sips} one to
     * every SIP.
     */
    private static List<WeakReference<ClassLoader>> round(Kernel kernel, SealedProgram filler, SealedProgram holder,
                                                          int count, String locales, String seed,
                                                          List<WeakReference<Object>> sips) throws InterruptedException {
        List<Proc> ending = new ArrayList<>();
        List<Proc> killed = new ArrayList<>();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        Map<Proc, Integer> expected = new LinkedHashMap<>();
        expected.put(spawn(kernel, filler, loaders, "filled", seed + "a", Integer.toString(count), "return", locales), 0);
        expected.put(spawn(kernel, filler, loaders, "filled", seed + "b", Integer.toString(count), "exit", locales), 3);
        killed.add(spawn(kernel, filler, loaders, "filled", seed + "c", Integer.toString(count), "wait", locales));
        killed.add(spawn(kernel, holder, loaders, "holding", "server", seed, "200"));
        killed.add(spawn(kernel, holder, loaders, "holding", "client", seed));
        killed.add(spawn(kernel, holder, loaders, "holding", "client", seed));
        ending.addAll(expected.keySet());
        Stream.concat(ending.stream(), killed.stream()).forEach(sip -> sips.add(new WeakReference<>(sip)));
        for (Proc sip : killed) {
            sip.kill(KillCause.REQUESTED, "leftover probe");
        }
        for (Proc sip : killed) {
            check(sip, ExitStatus.killed(KillCause.REQUESTED, "leftover probe"));
        }
        for (Proc sip : ending) {
            check(sip, ExitStatus.exited(expected.get(sip)));
        }
        return loaders;
    }

    /** Spawns a SIP and waits until it printed {@code ready}. */
    private static Proc spawn(Kernel kernel, SealedProgram program, List<WeakReference<ClassLoader>> loaders,
                             String ready, String... args) throws InterruptedException {
        var out = new CapturedOutput();
        // a time limit far away: the kernel's timer must not keep the SIP once it ended
        Proc sip = kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out), args)
                .withTimeLimit(Duration.ofHours(1)));
        loaders.add(sip.classLoaderReference());
        try {
            out.awaitText(ready, LIMIT);
        } catch (AssertionError | RuntimeException e) {
            throw new IllegalStateException(sip + " " + List.of(args) + " did not print " + ready + ": " + out.text(), e);
        }
        return sip;
    }

    private static void check(Proc sip, ExitStatus expected) throws InterruptedException {
        ExitStatus status = sip.awaitExit(LIMIT);
        if (!expected.equals(status)) {
            throw new IllegalStateException(sip + " ended with " + status + ", not " + expected);
        }
    }

    private static SealedProgram seal(Path jar, String name) {
        return Installer.standard().seal(ProgramJar.read(jar), name, 0);
    }

    /**
     * The heap in use after full collections, once two in a row agree within 64 KiB (the
     * reference handler and cleaners may free more after the first).
     */
    static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long previous = -1;
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(50);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (previous >= 0 && Math.abs(used - previous) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /**
     * Live threads but the kernel's pooled reapers and the virtual threads' carriers, the JDK's or
     * SingJ's carrier pool's (pools that grow while carriers are kept or blocked and shrink when
     * idle): a SIP's thread left behind shows here.
     */
    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("singj-reaper-")
                        && !thread.getName().startsWith("singj-carrier-")
                        && !thread.getClass().getName().equals("jdk.internal.misc.CarrierThread"))
                .count();
    }

    /** How many of {@code references} still reach their object after collections. */
    private static int uncollected(List<? extends WeakReference<?>> references) throws InterruptedException {
        int alive = references.size();
        for (int i = 0; i < 20 && alive > 0; i++) {
            System.gc();
            Thread.sleep(20);
            alive = (int) references.stream().filter(reference -> reference.get() != null).count();
        }
        return alive;
    }

    /** The JVM's class histogram of live objects, as {@code jcmd PID GC.class_histogram} prints it. */
    private static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** The 25 classes whose instances' bytes grew most from one histogram to the other. */
    private static Map<String, Long> growth(Map<String, Long> was, Map<String, Long> now) {
        Map<String, Long> grown = new TreeMap<>();
        now.forEach((name, bytes) -> {
            long delta = bytes - was.getOrDefault(name, 0L);
            if (delta > 0) {
                grown.put(name, delta);
            }
        });
        Map<String, Long> top = new LinkedHashMap<>();
        grown.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static Map<String, Long> bytesByClass(String histogram) {
        Map<String, Long> bytes = new TreeMap<>();
        for (String line : histogram.lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":")) {
                bytes.merge(fields[3], Long.parseLong(fields[2]), Long::sum);
            }
        }
        return bytes;
    }

    private static void print(String key, long value) {
        System.out.println(key + " " + value);
    }
}
