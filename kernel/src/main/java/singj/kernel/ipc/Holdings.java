package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import singj.abi.QuotaExceededException;

/**
 * What one SIP holds of the kernel's IPC: its channel ends, its exchange-heap blocks and its
 * registered names, what it was granted to register and open, and how many of each it may hold
 * ({@link Quotas}). When the SIP ends, {@link #release} closes, frees and unregisters all of it.
 */
public final class Holdings {
    private final int pid;
    private final String program;
    private final Supplier<String> identity;
    private final Grants grants;
    private final Quotas quotas;
    private final BooleanSupplier stopping;
    private final Supplier<? extends Error> killed;
    private final Set<ChannelEndpoint> ends = new LinkedHashSet<>();
    private final Set<ExchangeBlock> blocks = new LinkedHashSet<>();
    private final Set<ServiceEntry> services = new LinkedHashSet<>();
    private final Set<Held> others = new LinkedHashSet<>();
    /** Where the kernel objects made for the SIP are charged, at fixed sizes, as part of its memory. */
    private volatile KernelCharges kernelCharges = KernelCharges.NONE;
    private long exchangeBytes;
    /** The bytes of the messages it sent that wait unread in queues ({@link #queue}). */
    private long queuedBytes;
    /** Room taken for ends about to be handed to it ({@link #reserveEnds}): counted as held. */
    private int reservedEnds;
    /** Clients waiting at its names to be accepted. */
    private int pendingAccepts;
    private boolean released;

    /**
     * Holdings limited only in exchange-heap bytes: the kernel's own, and tests'.
     *
     * @param stopping whether the SIP is being killed or is exiting: blocked calls end then
     * @param killed the error that unwinds a killed SIP's thread, thrown by calls that wake up to a kill
     */
    public Holdings(int pid, String program, Grants grants, long exchangeQuota, BooleanSupplier stopping,
                    Supplier<? extends Error> killed) {
        this(pid, program, () -> "program " + program, grants, new Quotas(Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Integer.MAX_VALUE, exchangeQuota), stopping, killed);
    }

    /**
     * @param identity who the SIP's program is (its name and a digest of its code): a name it
     *     registers stays reserved to that program after the SIP ends ({@link NameServer})
     */
    public Holdings(int pid, String program, Supplier<String> identity, Grants grants, Quotas quotas,
                    BooleanSupplier stopping, Supplier<? extends Error> killed) {
        this.pid = pid;
        this.program = program;
        this.identity = identity;
        this.grants = grants;
        this.quotas = quotas;
        this.stopping = stopping;
        this.killed = killed;
    }

    public int pid() {
        return pid;
    }

    public String program() {
        return program;
    }

    String identity() {
        return identity.get();
    }

    public Grants grants() {
        return grants;
    }

    public Quotas quotas() {
        return quotas;
    }

    /** "pid 7 (echo)", for messages. */
    public String describe() {
        return "pid " + pid + " (" + program + ")";
    }

    /** Whether the SIP has not yet released what it held ({@link #release}): false from its end on. */
    synchronized boolean running() {
        return !released;
    }

    boolean stopping() {
        return stopping.getAsBoolean();
    }

    Error killed() {
        return killed.get();
    }

    /** The bytes counted against its quota: of the blocks it holds, and of those it sent that are not yet received. */
    public synchronized long exchangeBytes() {
        return exchangeBytes;
    }

    /** How many exchange-heap blocks it holds now (not those in messages it sent), for the shell's {@code heap}. */
    public synchronized int blockCount() {
        int held = 0;
        for (ExchangeBlock block : blocks) {
            if (block.isHeldBy(this)) {
                held++;
            }
        }
        return held;
    }

    /** How many blocks it sent that are not yet received: they still count against its quota. */
    public synchronized int sentBlockCount() {
        int sent = 0;
        for (ExchangeBlock block : blocks) {
            if (block.isInFlightFrom(this)) {
                sent++;
            }
        }
        return sent;
    }

    public long exchangeQuota() {
        return quotas.exchangeBytes();
    }

    /**
     * The Java heap the kernel spends on objects made for a SIP and held by the kernel, which the
     * SIP's own objects need not reach: charged to its memory account at a fixed size each (the
     * heap grown per object, measured over thousands: a channel with its two ends took 581 bytes,
     * a name 565, a client waiting to be accepted 770 with its virtual thread), and discharged
     * when the kernel lets go of it. A heap census counts the SIP's handle (the endpoint object it
     * holds), not what the kernel keeps behind it.
     */
    public interface KernelCharges {
        /** A channel end: its share of the channel, its queue and waiter. */
        long END_BYTES = 256;
        /** A registered name: its entry in the name server and the queue of clients at it. */
        long NAME_BYTES = 512;
        /** A client waiting at one of its names to be accepted. */
        long ACCEPT_BYTES = 256;
        KernelCharges NONE = new KernelCharges() {
            @Override
            public void charge(long bytes) {}

            @Override
            public void discharge(long bytes) {}

            @Override
            public long quota() {
                return Long.MAX_VALUE;
            }
        };

        void charge(long bytes);

        void discharge(long bytes);

        /**
         * A message charged {@code bytes} while it waited is now the SIP's, which received it:
         * counted in its estimate as the heap sampler would have counted it had the SIP made it,
         * {@code object} standing for it. (Its census counts it exactly, from its roots.)
         */
        default void received(Object object, long bytes) {}

        /** The SIP's memory quota: also the most its unread messages may hold ({@link #queue}). */
        long quota();
    }

    /** From now on, kernel objects made for the SIP are charged to {@code charges}. */
    public void chargeKernelObjectsTo(KernelCharges charges) {
        kernelCharges = charges;
    }

    /**
     * Takes room for {@code count} ends the SIP is about to get (a channel it creates, a name it
     * opens, a client it accepts), or throws if its channel quota has no room: checked before any
     * kernel object is made for them. Ends it receives in messages are counted but not refused
     * (their sender's quota paid for making them), so it can hold more than its quota only by
     * what others send it.
     */
    synchronized void reserveEnds(int count) {
        if (ends.size() + reservedEnds + count > quotas.channels()) {
            throw new QuotaExceededException("channels", quotas.channels(), describe() + " holds " + ends.size()
                    + " channel ends, its quota of channels is " + quotas.channels() + ": close some before making more");
        }
        reservedEnds += count;
    }

    /** Gives back room taken by {@link #reserveEnds} for an end that never came. */
    synchronized void unreserveEnds(int count) {
        reservedEnds = Math.max(0, reservedEnds - count);
    }

    /**
     * Charges a message of {@code bytes} that it sends, until its receiver takes it or it is
     * dropped ({@link #unqueue}): a message in a peer's queue is reachable only through the
     * kernel's channel, where no census of the sender or the receiver looks. Refused, before
     * anything is sent, if its unread messages would hold more than its memory quota: a SIP
     * that a peer does not read cannot park the heap there.
     */
    synchronized void queue(long bytes) {
        long quota = kernelCharges.quota();
        if (queuedBytes + bytes > quota) {
            throw new QuotaExceededException("memory", quota, describe() + " may not send a message of " + bytes
                    + " bytes: its peers have not read " + queuedBytes + " bytes of the messages it sent, and its"
                    + " unread messages may hold at most its memory quota of " + quota + " bytes");
        }
        queuedBytes += bytes;
        kernelCharges.charge(bytes);
    }

    /** Gives back what {@link #queue} charged for a message: received, dropped, or never sent. */
    synchronized void unqueue(long bytes) {
        queuedBytes -= bytes;
        kernelCharges.discharge(bytes);
    }

    /** It received {@code message}, charged {@code bytes} to its sender until now ({@link KernelCharges#received}). */
    void received(Object message, long bytes) {
        kernelCharges.received(message, bytes);
    }

    /** The bytes of its messages that wait unread in its peers' queues. */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Records a new end; false if the SIP has already released everything (the end must be closed). */
    synchronized boolean add(ChannelEndpoint end) {
        if (reservedEnds > 0) {
            reservedEnds--;
        }
        boolean added = !released && ends.add(end);
        if (added) {
            kernelCharges.charge(KernelCharges.END_BYTES);
        }
        return added;
    }

    /** Throws if the SIP holds its quota of names: checked before a name is claimed for it. */
    synchronized void checkRoomForName(String name) {
        if (services.size() >= quotas.names()) {
            throw new QuotaExceededException("names", quotas.names(), describe() + " may not register " + name
                    + ": it has " + services.size() + " names registered, its quota of names is " + quotas.names());
        }
    }

    /** Counts one more client waiting at one of its names; false when its quota of accepts is full. */
    synchronized boolean addPendingAccept() {
        if (pendingAccepts >= quotas.accepts()) {
            return false;
        }
        pendingAccepts++;
        kernelCharges.charge(KernelCharges.ACCEPT_BYTES);
        return true;
    }

    synchronized void removePendingAccepts(int count) {
        pendingAccepts -= count;
        kernelCharges.discharge(count * KernelCharges.ACCEPT_BYTES);
    }

    public synchronized int endCount() {
        return ends.size();
    }

    public synchronized int nameCount() {
        return services.size();
    }

    public synchronized int pendingAccepts() {
        return pendingAccepts;
    }

    synchronized void remove(ChannelEndpoint end) {
        if (ends.remove(end)) {
            kernelCharges.discharge(KernelCharges.END_BYTES);
        }
    }

    /** Records a name it registered; false if it has released everything; throws if its quota of names is full. */
    synchronized boolean add(ServiceEntry service) {
        if (released) {
            return false;
        }
        checkRoomForName(service.name());
        boolean added = services.add(service);
        if (added) {
            kernelCharges.charge(KernelCharges.NAME_BYTES);
        }
        return added;
    }

    synchronized void remove(ServiceEntry service) {
        if (services.remove(service)) {
            kernelCharges.discharge(KernelCharges.NAME_BYTES);
        }
    }

    /**
     * Counts {@code bytes} of {@code block} against this SIP, within its quota unless {@code force}
     * (a block it receives); false if that is over the quota or the SIP has released everything.
     */
    synchronized boolean charge(ExchangeBlock block, long bytes, boolean force) {
        if (released || (!force && exchangeBytes + bytes > quotas.exchangeBytes())) {
            return false;
        }
        blocks.add(block);
        exchangeBytes += bytes;
        return true;
    }

    /** Gives back what {@link #charge} counted for {@code block}, if it still counts. */
    synchronized void discharge(ExchangeBlock block, long bytes) {
        if (blocks.remove(block)) {
            exchangeBytes -= bytes;
        }
    }

    /** {@link #release(String, boolean)} of a SIP that ended by itself. */
    public void release(String reason) {
        release(reason, false);
    }

    /**
     * Gives back its devices, closes every end (peers see {@code reason}), frees every block it holds (one it sent goes on
     * in its message, counted against nobody) and drops every name. Called
     * once the SIP's threads have stopped; later additions are refused. If it was {@code killed},
     * the messages it sent last over the ends it held, which their peers have not read, are
     * dropped too: nothing of a killed SIP stays (one that exits leaves them to be read, counted
     * against nobody, as its blocks in flight).
     */
    public void release(String reason, boolean killed) {
        List<ChannelEndpoint> closing;
        List<ExchangeBlock> freeing;
        List<ServiceEntry> dropping;
        List<Held> giving;
        synchronized (this) {
            released = true;
            giving = new ArrayList<>(others);
            others.clear();
            closing = new ArrayList<>(ends);
            freeing = new ArrayList<>(blocks);
            dropping = new ArrayList<>(services);
            // clients waiting at its names are discharged as they are dropped (removePendingAccepts)
            kernelCharges.discharge(ends.size() * KernelCharges.END_BYTES + services.size() * KernelCharges.NAME_BYTES);
            ends.clear();
            blocks.clear();
            services.clear();
            exchangeBytes = 0;
        }
        giving.forEach(thing -> thing.release(reason));
        dropping.forEach(service -> service.close(reason));
        for (ChannelEndpoint end : closing) {
            end.closeBecause(reason);
            if (killed) {
                end.dropUnreadFrom(this);
            }
        }
        freeing.forEach(block -> block.ownerEnded(this));
    }

    /**
     * Something else a SIP holds of the kernel (a device), given back with the rest when it ends:
     * first of all, so that nothing it holds can act on the device once its peers see it end.
     */
    public interface Held {
        void release(String reason);
    }

    /** Records {@code thing} to release with the rest; false if the SIP has already released everything. */
    public synchronized boolean hold(Held thing) {
        return !released && others.add(thing);
    }

    /** Forgets {@code thing}, given back before the SIP ends. */
    public synchronized void forget(Held thing) {
        others.remove(thing);
    }

    /** What it holds now, for tests and the shell. */
    public synchronized String summary() {
        return ends.size() + " endpoints, " + blocks.size() + " blocks (" + exchangeBytes + " bytes), "
                + services.size() + " names";
    }

    public synchronized boolean isEmpty() {
        return ends.isEmpty() && blocks.isEmpty() && services.isEmpty() && others.isEmpty() && exchangeBytes == 0;
    }
}
