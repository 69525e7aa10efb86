package singj.kernel.host;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the JVM's heap sampler (JEP 331, JVMTI {@code SampledObjectAlloc}, through the native
 * library of {@link HostThreads}) hands the samples taken on SIPs' threads to their memory
 * accounts. The JVM samples every allocation path, whoever allocates: the SIP's own code, JDK
 * code it calls (a collection growing, {@code String.repeat}, {@code Arrays.copyOf}), arrays of
 * any dimension, the stack chunks of its virtual threads, and kernel objects made on its threads
 * for it (channel ends, buffers). Each thread allocates on average {@link #INTERVAL} bytes between
 * two samples, the gap drawn at random (geometric) by the JVM, so a program cannot predict which
 * of its objects are sampled. Sealed code has no allocation hooks: nothing it allocates flows to
 * a call, so the JIT's escape analysis and inlining work on it as on plain code.
 *
 * <p>The one piece of JVM-wide state of the memory accounting, because the JVM has one sampler
 * (one JVMTI environment, {@link HostThreads}) and its native callback can only reach a static
 * method: the table of open accounts by number, and which account each adopted thread is charged
 * to until its first sample. A thread's JVMTI thread-local storage then holds its account's number
 * (never a reference that could keep a SIP's account alive; numbers are never reused, so a thread
 * that outlives its SIP charges nothing). Two host runtimes in one JVM share the table, not
 * accounts.
 */
final class HeapSampler {
    /**
     * The mean number of bytes a thread allocates between two samples. What it costs and what
     * bound it gives are in docs/memory.md: a 16 MiB quota is judged on about 64 samples.
     */
    static final int INTERVAL = 256 * 1024;

    private static final Map<Integer, MemoryAccount> ACCOUNTS = new ConcurrentHashMap<>();
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final ThreadAccounts CLAIMED = new ThreadAccounts();

    private HeapSampler() {}

    /** Why the JVM samples nothing for the accounts, or null; started once per JVM, the first time asked. */
    static String problem() {
        return Started.PROBLEM;
    }

    private static final class Started {
        static final String PROBLEM = start();

        private static String start() {
            for (String flag : List.of("DisableExplicitGC", "ExplicitGCInvokesConcurrent")) {
                // a judgment is made right after System.gc() on what it found alive: were it no
                // full collection, garbage would be judged alive and an honest SIP killed
                if (ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(flag).getValue().equals("true")) {
                    return "System.gc() is no full collection in this JVM (-XX:+" + flag + ")";
                }
            }
            if (!HostThreads.loaded()) {
                return HostThreads.loadProblem();
            }
            int error = HostThreads.startSampling(HeapSampler.class, INTERVAL);
            return error == 0 ? null : "the JVM refused to start heap sampling (JVMTI error " + error + ")";
        }
    }

    /** Opens an account; returns its number, which no other account gets in this JVM. */
    static int open(MemoryAccount account) {
        int number = NUMBERS.incrementAndGet();
        ACCOUNTS.put(number, account);
        return number;
    }

    static void close(int number) {
        ACCOUNTS.remove(number);
    }

    /** {@code thread}, not started yet, allocates for account {@code number} from its start. */
    static void claim(Thread thread, int number) {
        CLAIMED.put(thread, number);
    }

    /**
     * The unbiased weight of a sampled object of {@code size} bytes: it was sampled with
     * probability {@code 1 - exp(-size / INTERVAL)}, so it stands for {@code size} divided by that
     * (about {@link #INTERVAL} for a small object, its own size for a large one).
     */
    static long weight(long size) {
        double sampledWith = -Math.expm1(-(double) size / INTERVAL);
        return (long) Math.ceil(size / sampledWith);
    }

    // ---- called by the native sampler, on the allocating thread -----------------------------

    /** The number of the account {@code thread} is charged to, or 0: asked once per thread. */
    @SuppressWarnings("unused")
    private static int accountOf(Thread thread) {
        return CLAIMED.take(thread);
    }

    /**
     * A sample of {@code size} bytes on a thread of account {@code number}; returns how many
     * milliseconds the thread should wait before it goes on (see {@link MemoryAccount#sampled}).
     */
    @SuppressWarnings("unused")
    private static int sampled(int number, Object object, long size) {
        MemoryAccount account = ACCOUNTS.get(number);
        return account == null ? 0 : account.sampled(object, size);
    }

    /**
     * Which account each claimed thread is charged to, until its first sample asks: by identity
     * (a SIP's {@code Thread} subclass can override {@code hashCode} and {@code equals}, which a
     * kernel thread must never run) and weakly, so that a thread that ends before any sample is
     * not kept.
     */
    private static final class ThreadAccounts {
        private final ReferenceQueue<Thread> gone = new ReferenceQueue<>();
        private final Map<Key, Integer> accounts = new ConcurrentHashMap<>();

        void put(Thread thread, int number) {
            for (Object key; (key = gone.poll()) != null; ) {
                accounts.remove(key);
            }
            accounts.put(new Key(thread, gone), number);
        }

        int take(Thread thread) {
            Integer number = accounts.remove(new Key(thread, null));
            return number == null ? 0 : number;
        }

        private static final class Key extends WeakReference<Thread> {
            private final int hash;

            Key(Thread thread, ReferenceQueue<Thread> queue) {
                super(thread, queue);
                hash = System.identityHashCode(thread);
            }

            @Override
            public int hashCode() {
                return hash;
            }

            @Override
            public boolean equals(Object other) {
                if (this == other) {
                    return true; // a cleared key, found again to be removed
                }
                Thread thread = get();
                return other instanceof Key key && thread != null && key.refersTo(thread);
            }
        }
    }
}
