package singj.kernel.host;

import singj.kernel.KernelException;
import singj.kernel.sched.SipThreadScheduler;

/**
 * What every kernel in one JVM shares, because the JVM has one of each: the carrier threads SIP
 * threads run on ({@link SipThreadScheduler}, sized by its {@link CarrierWatch}), its heap ({@link HeapGuard}, and the {@link CollectionWatch} that keeps
 * every SIP's {@link MemoryAccount}), and its debugger interface ({@link HostThreads}). Kernels get
 * it at boot; two kernels that share one share nothing else, and each reaches only its own SIPs.
 *
 * <p>An embedding host makes one ({@link #start}) and passes it to each kernel it boots; a kernel
 * booted without one gets {@link #ofThisJvm}. More than one in a JVM works: each has carriers of
 * its own (unless SIP threads fall back to the JDK's one scheduler, which their carrier watches
 * would then each set); the default one is the JVM's.
 */
public final class HostRuntime implements AutoCloseable {
    private final SipThreadScheduler sipThreads;
    private final CarrierWatch carriers;
    private final CollectionWatch collections = new CollectionWatch();
    private final HeapGuard heapGuard = new HeapGuard(collections);
    private final HostThreads threads = new HostThreads();
    private final ExitFiles exitFiles = new ExitFiles();
    private final boolean ofThisJvm;

    private HostRuntime(boolean ofThisJvm) {
        this.ofThisJvm = ofThisJvm;
        // another host runtime's carriers are told apart in thread dumps by the runtime's identity
        this.sipThreads = SipThreadScheduler.choose(ofThisJvm ? "singj-carrier"
                : "singj-host-" + Integer.toHexString(System.identityHashCode(this)) + "-carrier");
        this.carriers = new CarrierWatch(sipThreads);
    }

    /** A new host runtime; its watch threads run until {@link #close}. */
    public static HostRuntime start() {
        return new HostRuntime(false);
    }

    /**
     * The JVM's own host runtime, made the first time a kernel or a command asks, and never
     * closed: its threads are daemons. The only JVM-wide instance, as the carriers and the heap it
     * watches are the JVM's.
     */
    public static HostRuntime ofThisJvm() {
        return OfThisJvm.RUNTIME;
    }

    private static final class OfThisJvm {
        static final HostRuntime RUNTIME = new HostRuntime(true);
    }

    /** Where this host's kernels make SIP threads. */
    public SipThreadScheduler sipThreads() {
        return sipThreads;
    }

    public CarrierWatch carriers() {
        return carriers;
    }

    public HostThreads threads() {
        return threads;
    }

    /** The host files its kernels make that the JVM's exit deletes if they are still there. */
    public ExitFiles exitFiles() {
        return exitFiles;
    }

    /**
     * Opens the memory account of a new SIP; {@link MemoryAccount#release} closes it. Refused with
     * {@link KernelException} where the JVM's heap sampler cannot run: the sampler is the
     * only thing that charges a SIP's allocations, so no quota could be enforced.
     */
    public MemoryAccount openAccount(long quota, MemoryAccount.Holder holder) {
        String problem = HeapSampler.problem();
        if (problem != null) {
            throw new KernelException("a memory quota of " + MemoryAccount.mib(quota)
                    + " cannot be enforced: the JVM's heap sampler does not run (" + problem + ")");
        }
        return new MemoryAccount(quota, holder, collections);
    }

    CollectionWatch collections() {
        return collections;
    }

    /** How many memory accounts are open: one per SIP of this host's kernels that exists. */
    public int openAccounts() {
        return collections.accounts().size();
    }

    /**
     * What the heap guard does when the JVM's heap is nearly full after a collection: kills the
     * SIP of any of this host's kernels that holds the most; says whether there was one to kill.
     */
    public boolean killLargest(String why) {
        return heapGuard.killLargest(why);
    }

    /** Stops its watch threads. The JVM's own ({@link #ofThisJvm}) is never closed. */
    @Override
    public void close() {
        if (ofThisJvm) {
            throw new IllegalStateException("the JVM's own host runtime is never closed");
        }
        heapGuard.close();
        carriers.close();
        sipThreads.close();
        collections.close();
        exitFiles.close();
    }
}
