package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import singj.kernel.sched.SipThreadScheduler;
import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.ContractViolationException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Opener;
import singj.abi.Side;
import singj.abi.runtime.ChannelEnd;

/**
 * One end of a channel, as the kernel keeps it: its view of the contract's state, the queue of
 * messages to it, and its owner. The SIP's {@link Endpoint} objects point here with a
 * generation; moving the end to another SIP starts a new generation, which kills the old object.
 */
final class ChannelEndpoint implements ChannelEnd {
    /** How long {@link #select} spins before it parks (parking and waking cost ~30 µs). */
    private static final long SPIN_NANOS = AdaptiveSpin.LONGEST_NANOS;
    /** The longest park between checks, for waiters that share an end with another waiter. */
    private static final long PARK_SLICE_NANOS = 50_000_000;
    /**
     * A second waiter on one end parks for doubling slices up to this long: with a slice of 50 ms
     * and a fresh spin after each, 10,000 idle SIPs took all the CPU of two cores just waking. The
     * first waiter parks without a timeout (see {@link #waiter}).
     */
    private static final long LONGEST_PARK_SLICE_NANOS = 800_000_000;
    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(ChannelEndpoint.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final Side side;
    private final MessageQueue inbound;
    /** This end's view of the contract's state: guarded by the channel's lock. */
    private int state;
    /**
     * Who holds this end and with which generation of endpoint object: guarded by {@code ownership},
     * not by the channel's lock, so that sending an end of one channel over another never holds
     * two channels' locks (two SIPs doing that crosswise would deadlock). Lock order: a channel,
     * then an end's ownership, then a {@link Holdings}.
     */
    private final Object ownership = new Object();
    private int generation;
    private volatile Holdings owner;
    private volatile boolean closedHere;
    /** A close that a violation started under the channel's lock, finished by the same thread after it. */
    private List<Object> deferredDrops;
    private boolean deferredAfterClose;
    private boolean closeDeferred;
    /**
     * The thread that claimed this end to wait on it (a receive or a select), or null. Everything
     * that can end its wait wakes it: a send to this end, a close of the channel, the end sent away
     * (its object is dead), a kill (an interrupt). So it parks without a timeout: a virtual
     * thread's timed park queues a task in the JDK's timer and cancels it when woken, which cost a
     * round trip between SIP threads about as much as the rest of it. Another thread waiting on
     * the same end at the same time finds it claimed and parks for slices instead.
     */
    @SuppressWarnings("unused") // through WAITER as well
    private volatile Thread waiter;
    /** How long a receive on this end spins before it parks. */
    private final AdaptiveSpin spin = new AdaptiveSpin();

    ChannelEndpoint(Channel channel, Side side, int bound) {
        this.channel = channel;
        this.side = side;
        this.inbound = new MessageQueue(bound);
    }

    /** A number for this end, unique in the JVM (for tests and listings). */
    long id() {
        return id;
    }

    long peerId() {
        return peer().id;
    }

    Class<?> contractClass() {
        return channel.contract().contractClass();
    }

    int channelId() {
        return channel.id();
    }

    /** Who holds the other end now: null while it is in a message or closed. */
    Holdings peerHolder() {
        return peer().owner;
    }

    private ChannelEndpoint peer() {
        return channel.end(side.peer());
    }

    /** A new endpoint object for {@code newOwner}, who now holds this end. */
    Endpoint<?> handTo(Holdings newOwner) {
        int current;
        boolean taken;
        synchronized (ownership) {
            taken = newOwner.add(this);
            owner = taken ? newOwner : null;
            current = generation;
        }
        if (!taken) {
            closeBecause(newOwner.describe() + " ended before it received the endpoint");
        }
        return new Endpoint<>(this, current);
    }

    // ---- sending --------------------------------------------------------------------------

    @Override
    public void send(int generation, Message message) {
        try {
            sendLocked(generation, message);
        } finally {
            if (closeDeferred) {
                finishDeferredClose();
            }
        }
        peer().wake();
    }

    private void sendLocked(int generation, Message message) {
        ChannelEndpoint peer = peer();
        synchronized (channel) {
            checkHeld(generation);
            if (channel.isClosed()) {
                throw new ChannelClosedException(closedMessage());
            }
            ContractType type = channel.contract();
            ContractSpec spec = type.spec();
            int index = type.indexOf(message.getClass());
            if (index < 0) {
                throw violation(message.getClass().getName() + " is not a message of contract " + type.name());
            }
            String name = spec.messages().get(index);
            if (spec.sender(state) != side) {
                throw violation(side + " sent " + name + " in state " + stateName() + ", where "
                        + (spec.sender(state) == null ? "the conversation has ended" : "the " + side.peer() + " sends"));
            }
            int next = spec.next(state, index);
            if (next < 0) {
                throw violation(side + " sent " + name + " in state " + stateName() + ", which allows " + spec.allowed(state));
            }
            // charged before its handles leave the sender: a refusal leaves the sender as it was
            Holdings sender = owner();
            long bytes = type.queuedBytes(index, message);
            sender.queue(bytes);
            Object queued;
            try {
                queued = type.carriesHandles(index) ? pack(type, index, message) : message;
            } catch (RuntimeException refused) {
                sender.unqueue(bytes);
                throw refused;
            }
            if (!peer.inbound.offer(queued, sender, bytes)) {
                sender.unqueue(bytes);
                throw new IllegalStateException("the queue of a channel of " + type.name() + " is over its bound");
            }
            state = next;
        }
    }

    /** Takes the blocks and endpoints out of {@code message}: the sender's handles die here. */
    private Parcel pack(ContractType type, int index, Message message) {
        Object[] fields = type.fields(index, message);
        for (int i = 0; i < fields.length; i++) { // check everything before moving anything
            Object field = fields[i];
            switch (field) {
                case Block block when !block.isLive() -> throw violation("the message carries a "
                        + channel.heap().whyDead(block));
                case Endpoint<?> endpoint when endpoint.end() instanceof ChannelEndpoint end && end.channel == channel ->
                        throw violation("an endpoint cannot be sent over its own channel");
                case Endpoint<?> endpoint when !(endpoint.end() instanceof ChannelEndpoint end && end.isHeldAt(endpoint.generation())) ->
                        throw violation("the message carries an endpoint that was already sent away");
                case null, default -> { }
            }
            for (int j = 0; j < i; j++) { // a message has a few fields: no set needed
                if (field != null && sameHandle(field, fields[j])) {
                    throw violation("the message carries the same " + (field instanceof Block ? "block" : "endpoint") + " twice");
                }
            }
        }
        int moved = 0;
        try {
            for (; moved < fields.length; moved++) {
                if (fields[moved] instanceof Block block) {
                    fields[moved] = channel.heap().detach(block);
                } else if (fields[moved] instanceof Endpoint<?> endpoint) {
                    fields[moved] = ((ChannelEndpoint) endpoint.end()).detach(endpoint.generation());
                }
            }
        } catch (RuntimeException raced) {
            // another thread of the sender sent or freed a handle after the check: what this message
            // already took goes nowhere, so it is freed and closed, not left in flight forever (after
            // the channel's lock is released, as a close's drops are)
            List<Object> taken = deferredDrops == null ? new ArrayList<>() : deferredDrops;
            taken.add(new Parcel(index, Arrays.copyOf(fields, moved)));
            deferredDrops = taken;
            closeDeferred = true;
            throw raced;
        }
        return new Parcel(index, fields);
    }

    private static boolean sameHandle(Object a, Object b) {
        return a instanceof Block x && b instanceof Block y ? x.address() == y.address()
                : a instanceof Endpoint<?> e && b instanceof Endpoint<?> f && e.end() == f.end();
    }

    /** Takes this end from its owner into a message: every endpoint object for it is dead. */
    private ChannelEndpoint detach(int expected) {
        synchronized (ownership) {
            checkGeneration(expected);
            generation++;
            Holdings previous = owner;
            if (previous != null) {
                previous.remove(this);
            }
            owner = null;
        }
        wake(); // a thread of the old holder waiting on it learns that its endpoint is dead
        return this;
    }

    /** Moves this end from the holder of endpoint object {@code expected} to {@code to}: the new object. */
    Endpoint<?> moveTo(int expected, Holdings to) {
        return detach(expected).handTo(to);
    }

    private boolean isHeldAt(int expected) {
        synchronized (ownership) {
            return expected == generation && owner != null && !closedHere;
        }
    }

    // ---- receiving ------------------------------------------------------------------------

    @Override
    public Message receive(int generation, long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            for (int waits = 0; ; waits++) {
                Message message = tryReceive(generation);
                if (message != null) {
                    return message;
                }
                if (!await(deadline, waits)) {
                    return null;
                }
                if (Thread.interrupted()) {
                    if (owner().stopping()) {
                        throw owner().killed();
                    }
                    interrupted = true; // not a kill: keep waiting, and leave the flag set for the caller
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next message if one is queued; null if none is; an error if none can come. */
    private Message tryReceive(int generation) {
        Object queued;
        long bytes;
        int index;
        ContractType type = channel.contract();
        try {
            synchronized (channel) {
                checkHeld(generation);
                queued = inbound.poll();
                bytes = inbound.polledBytes();
                if (queued == null) {
                    if (channel.isClosed()) {
                        throw new ChannelClosedException(closedMessage());
                    }
                    Side sender = type.spec().sender(state);
                    if (sender == side) {
                        throw violation(side + " tried to receive in state " + stateName() + ", where it is the one to send ("
                                + type.spec().allowed(state) + ")");
                    }
                    if (sender == null) {
                        throw new ChannelClosedException("the conversation of " + type.name() + " has ended (state " + stateName() + ")");
                    }
                    return null;
                }
                index = queued instanceof Parcel parcel ? parcel.message() : type.indexOf(queued.getClass());
                state = type.spec().next(state, index);
            }
        } finally {
            if (closeDeferred) {
                finishDeferredClose();
            }
        }
        // outside the channel's lock: handing over an endpoint takes its own channel's
        Message message = queued instanceof Parcel parcel ? unpack(type, parcel) : (Message) queued;
        Holdings holder = owner;
        if (holder != null) {
            holder.received(type.largestPart(index, message), bytes);
        }
        return message;
    }

    /** Gives the receiver its own handles to the blocks and endpoints of {@code parcel}. */
    private Message unpack(ContractType type, Parcel parcel) {
        Holdings owner = owner();
        Object[] fields = parcel.fields().clone();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] instanceof ExchangeBlock block) {
                fields[i] = block.receive(owner); // null if the receiver is ending: nobody will ever use it
            } else if (fields[i] instanceof ChannelEndpoint end) {
                fields[i] = end.handTo(owner);
            }
        }
        return type.rebuild(parcel.message(), fields);
    }

    /**
     * The {@code waits}-th wait of one receive: the first spins for as long as spinning has paid
     * lately ({@link AdaptiveSpin}), then parks; later ones park at once, for doubling slices.
     * Returns when woken, at the slice's end or on a kill; false once the deadline has passed.
     */
    private boolean await(long deadline, int waits) {
        long now = System.nanoTime();
        if (now >= deadline) {
            return false;
        }
        long slice = Math.min(LONGEST_PARK_SLICE_NANOS, PARK_SLICE_NANOS << Math.min(waits, 4));
        if (waits > 0 || !SipThreadScheduler.worthSpinning()) {
            // a thread handed to this carrier by the send before this receive runs only once this
            // one parks: it is usually the peer that will answer
            park(deadline, slice);
            return true;
        }
        long spinUntil = Math.min(deadline, now + spin.next());
        for (int i = 0; inbound.isEmpty() && !channel.isClosed(); i++) {
            if ((i & 63) == 0 && System.nanoTime() >= spinUntil) {
                spin.wasted();
                park(deadline, slice);
                return true;
            }
            Thread.onSpinWait();
        }
        spin.paidOff();
        return true;
    }

    private void park(long deadline, long slice) {
        boolean claimed = claim();
        try {
            if (inbound.isEmpty() && !channel.isClosed() && !owner().stopping()) {
                parkFor(claimed ? deadline : Math.min(deadline, System.nanoTime() + slice));
            }
        } finally {
            if (claimed) {
                waiter = null;
            }
        }
    }

    /** Makes the calling thread the one a send wakes; false if another thread waits on this end. */
    private boolean claim() {
        return WAITER.compareAndSet(this, null, Thread.currentThread());
    }

    /** Parks until woken or {@code until} ({@link System#nanoTime}); {@code Long.MAX_VALUE}: untimed. */
    private void parkFor(long until) {
        if (until == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            long left = until - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
            }
        }
    }

    void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public int select(ChannelEnd[] ends, int[] generations, long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        ChannelEndpoint[] endpoints = new ChannelEndpoint[ends.length];
        for (int i = 0; i < ends.length; i++) {
            endpoints[i] = (ChannelEndpoint) ends[i];
            synchronized (endpoints[i].channel) {
                endpoints[i].checkHeld(generations[i]);
            }
        }
        Thread self = Thread.currentThread();
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (true) {
            for (int i = 0; i < endpoints.length; i++) {
                if (!endpoints[i].inbound.isEmpty() || endpoints[i].channel.isClosed()) {
                    return i;
                }
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return -1;
            }
            if (now < spinUntil) {
                Thread.onSpinWait();
                continue;
            }
            // untimed only if every end will wake this thread: one claimed by another waiter would not
            boolean[] claimed = new boolean[endpoints.length];
            boolean claimedAll = true;
            for (int i = 0; i < endpoints.length; i++) {
                claimed[i] = endpoints[i].claim();
                claimedAll &= claimed[i];
            }
            boolean anyReady = false;
            for (ChannelEndpoint end : endpoints) {
                anyReady |= !end.inbound.isEmpty() || end.channel.isClosed();
            }
            if (!anyReady && !owner().stopping()) {
                parkFor(claimedAll ? deadline : Math.min(deadline, now + PARK_SLICE_NANOS));
            }
            for (int i = 0; i < endpoints.length; i++) {
                if (claimed[i]) {
                    endpoints[i].waiter = null;
                }
            }
            if (Thread.interrupted()) {
                if (owner().stopping()) {
                    throw owner().killed();
                }
                self.interrupt();
                return -1; // an interrupt that is not a kill ends the wait; the caller sees its flag
            }
        }
    }

    // ---- closing --------------------------------------------------------------------------

    @Override
    public void close(int generation) {
        synchronized (channel) {
            checkHeld(generation);
        }
        closeBecause("the " + side + " closed the channel");
    }

    /**
     * Closes the channel for {@code reason}; what was queued to this end is dropped and its
     * payloads freed. Called under the channel's lock (a violation), the dropping waits until the
     * lock is released: dropping closes the ends inside the messages, whose channels have locks too.
     */
    void closeBecause(String reason) {
        List<Object> dropped;
        boolean closedNow;
        boolean underLock = Thread.holdsLock(channel);
        synchronized (channel) {
            closedHere = true;
            synchronized (ownership) {
                Holdings previous = owner;
                if (previous != null) {
                    previous.remove(this);
                }
                owner = null;
            }
            closedNow = channel.markClosed(reason); // before draining: nothing can be sent here after it
            dropped = inbound.drain();
            if (underLock) {
                if (deferredDrops != null) {
                    dropped.addAll(deferredDrops);
                }
                deferredDrops = dropped;
                deferredAfterClose = closedNow;
                closeDeferred = true;
                return;
            }
        }
        finishClose(closedNow, dropped);
    }

    private void finishDeferredClose() {
        List<Object> dropped;
        boolean closedNow;
        synchronized (channel) {
            dropped = deferredDrops;
            closedNow = deferredAfterClose;
            deferredDrops = null;
            deferredAfterClose = false;
            closeDeferred = false;
        }
        finishClose(closedNow, dropped == null ? List.of() : dropped);
    }

    private void finishClose(boolean closedNow, List<Object> dropped) {
        if (closedNow) {
            channel.afterClosed();
        }
        drop(dropped);
    }

    /**
     * After its channel closed: if no SIP holds this end (it is in a message), what was queued to
     * it is dropped now. Otherwise two ends in flight, each queued in the other's channel, would
     * keep each other alive forever.
     */
    void dropIfUnheld() {
        List<Object> dropped;
        synchronized (channel) {
            synchronized (ownership) {
                if (owner != null || closedHere) {
                    return;
                }
            }
            dropped = inbound.drain();
        }
        drop(dropped);
    }

    /**
     * After a killed {@code sender}'s end of this channel closed: drops what it sent last to the
     * peer that the peer has not read (its blocks freed, its endpoints closed).
     */
    void dropUnreadFrom(Holdings sender) {
        List<Object> dropped;
        synchronized (channel) {
            dropped = peer().inbound.dropNewestFrom(sender);
        }
        drop(dropped);
    }

    private static void drop(List<Object> messages) {
        for (Object message : messages) {
            if (message instanceof Parcel parcel) {
                for (Object field : parcel.fields()) {
                    switch (field) {
                        case ExchangeBlock block -> block.drop();
                        case ChannelEndpoint end -> end.closeBecause("its endpoint was in a message that was never received");
                        case null, default -> { }
                    }
                }
            }
        }
    }

    @Override
    public boolean isOpen(int generation) {
        synchronized (ownership) {
            return generation == this.generation && !closedHere && !channel.isClosed();
        }
    }

    // ---- about the end --------------------------------------------------------------------

    @Override
    public String contract() {
        return channel.contract().name();
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public String state(int generation) {
        synchronized (channel) {
            checkHeld(generation);
            return stateName();
        }
    }

    @Override
    public Opener opener() {
        return channel.opener();
    }

    String stateName() {
        return channel.contract().spec().states().get(state);
    }

    int queued() {
        return inbound.size();
    }

    String describeOwner() {
        Holdings holder = owner;
        return holder != null ? holder.describe() : closedHere ? "closed" : "in a message";
    }

    private Holdings owner() {
        Holdings holder = owner;
        if (holder == null) {
            throw new ChannelClosedException(closedHere ? closedMessage() : "this endpoint was sent away in a message");
        }
        return holder;
    }

    private void checkHeld(int expected) {
        synchronized (ownership) {
            checkGeneration(expected);
        }
        if (closedHere) {
            throw new ChannelClosedException("this endpoint of " + channel.contract().name() + " is closed: " + closedMessage());
        }
    }

    private void checkGeneration(int expected) {
        if (expected != generation) {
            throw new IllegalStateException("endpoint of " + channel.contract().name() + " used after it was sent away "
                    + "in a message: the receiver holds it now");
        }
    }

    private String closedMessage() {
        String reason = channel.closedReason();
        return "channel of " + channel.contract().name() + " closed: " + (reason == null ? "closed" : reason);
    }

    /** Closes the channel (the peer learns why) and returns the error for the offender. */
    private ContractViolationException violation(String what) {
        String message = "contract " + channel.contract().name() + " violated: " + what;
        Holdings holder = owner;
        String by = holder != null ? " by " + holder.describe() : "";
        closeBecause("contract violation" + by + ": " + what); // the channel's lock is reentrant
        return new ContractViolationException(message);
    }
}
