package singj.kernel.ipc;

import java.lang.foreign.MemorySegment;
import singj.abi.Block;
import singj.abi.ExchangeHeapException;
import singj.abi.runtime.BlockSlot;

/**
 * One slot of the exchange heap, as the kernel keeps it: where it lies, how large it is, who
 * holds it and whose quota it counts against. A slot is free, held by one SIP, or in flight in a
 * message; while in flight it still counts against its sender, until the receiver takes it.
 *
 * <p>Every change of state happens under the slot's lock. The lock order is: a channel, then a
 * slot, then a {@link Holdings} (a slot charges and discharges quotas while it holds its lock, so
 * that a SIP ending meanwhile cannot miss a block); the heap's lock is taken after the slot's is
 * released.
 */
final class ExchangeBlock extends BlockSlot {
    /** {@code LOST}: an access through it never ended, so it is set aside for good (see {@link #setAside}). */
    enum State { FREE, HELD, IN_FLIGHT, LOST }

    private final ExchangeHeap heap;
    private final ExchangeHeap.Chunk chunk;
    private final int index;
    private final long base;
    private final long capacity;
    /** The bytes of its last assignment, kept after it is freed: only they need zeroing before the next. */
    private long size;
    /** Whose quota its bytes count against: its holder, or while in flight its sender; null if that SIP ended. */
    private volatile Holdings account;
    /** Written under the lock, like {@link #account}; both are read without it by listings. */
    private volatile State state = State.FREE;

    ExchangeBlock(ExchangeHeap heap, ExchangeHeap.Chunk chunk, int index, long base, long capacity) {
        this.heap = heap;
        this.chunk = chunk;
        this.index = index;
        this.base = base;
        this.capacity = capacity;
    }

    ExchangeHeap heap() {
        return heap;
    }

    ExchangeHeap.Chunk chunk() {
        return chunk;
    }

    int index() {
        return index;
    }

    long capacity() {
        return capacity;
    }

    State state() {
        return state;
    }

    /** Whether {@code holder} holds it now (rather than having sent it), for listings. */
    boolean isHeldBy(Holdings holder) {
        return state == State.HELD && account == holder;
    }

    /** Whether {@code sender} sent it and it is not yet received, for listings. */
    boolean isInFlightFrom(Holdings sender) {
        return state == State.IN_FLIGHT && account == sender;
    }

    /**
     * Hands the free slot to {@code owner}, zeroed, with {@code bytes} in use, charged to its quota:
     * null if that is over the quota or the SIP is ending (the caller gives the slot back).
     */
    Block assign(Holdings owner, long bytes) {
        if (size > 0) { // a slot is zero beyond its last holder's bytes
            memory().asSlice(base, size).fill((byte) 0);
        }
        synchronized (this) {
            size = 0;
            if (!owner.charge(this, bytes, false)) {
                return null;
            }
            size = bytes;
            account = owner;
            state = State.HELD;
            return handle();
        }
    }

    /**
     * Takes the block from its holder into a message, through a handle of {@code generation}:
     * every handle is dead, and no access through one is under way, once this returns. Its bytes
     * still count against the sender.
     */
    synchronized void detach(Block handle) {
        if (state != State.HELD || !isCurrent(handle.generation())) {
            throw new ExchangeHeapException(whyDead(handle));
        }
        if (!endGeneration()) {
            throw setAside(handle);
        }
        state = State.IN_FLIGHT;
    }

    /**
     * Gives a block that was in flight to its receiver, charged to the receiver's quota (beyond
     * it if need be: a SIP cannot refuse a message) and no longer to the sender's; null if the
     * receiver is ending, and the block is freed.
     */
    Block receive(Holdings receiver) {
        Holdings sender;
        long bytes;
        Block handle = null;
        synchronized (this) {
            sender = account;
            bytes = size;
            // a block a SIP sent to itself was charged to it all along
            if (sender == receiver || receiver.charge(this, bytes, true)) {
                account = receiver;
                state = State.HELD;
                handle = handle();
            } else {
                account = null;
                state = State.FREE;
            }
        }
        if (sender != null && sender != receiver) {
            sender.discharge(this, bytes);
        }
        if (handle == null) {
            heap.recycle(this);
        }
        return handle;
    }

    /**
     * Runs {@code io} on bytes {@code offset} to {@code offset + length} of the block's memory,
     * through {@code handle}, which {@code holder} must hold: pinned as a write through the handle
     * is ({@link BlockSlot}), so the memory cannot go to another owner until {@code io} returns.
     */
    <R> R access(Block handle, Holdings holder, long offset, long length, ExchangeHeap.BlockIo<R> io)
            throws java.io.IOException {
        java.util.Objects.checkFromIndexSize(offset, length, handle.size());
        if (!pin(handle.generation())) {
            throw new ExchangeHeapException(whyDead(handle));
        }
        try {
            // its holder can change only when its generation ends, which the pin holds off
            if (state != State.HELD || account != holder) {
                throw new ExchangeHeapException("block of " + handle.size() + " bytes is not held by " + holder.describe());
            }
            return io.run(memory().asSlice(base + offset, length));
        } finally {
            unpin();
        }
    }

    /** Frees the block through {@code handle}, if it is still current. */
    @Override
    public void free(Block handle) {
        Holdings holder;
        long bytes;
        synchronized (this) {
            if (state != State.HELD || !isCurrent(handle.generation())) {
                throw new ExchangeHeapException(whyDead(handle));
            }
            if (!endGeneration()) {
                throw setAside(handle);
            }
            holder = account;
            bytes = size;
            account = null;
            state = State.FREE;
        }
        holder.discharge(this, bytes);
        heap.recycle(this);
    }

    /** Frees a block that was in a message nobody will receive: its sender, if still there, gets its bytes back. */
    void drop() {
        Holdings sender;
        long bytes;
        synchronized (this) {
            if (state != State.IN_FLIGHT) {
                return;
            }
            sender = account; // its generation ended when it was sent
            bytes = size;
            account = null;
            state = State.FREE;
        }
        if (sender != null) {
            sender.discharge(this, bytes);
        }
        heap.recycle(this);
    }

    /**
     * {@code ended} has released everything (its counters are already zero): a block it held is
     * freed; one it sent stays in its message, counted against nobody until it is received.
     */
    void ownerEnded(Holdings ended) {
        synchronized (this) {
            if (account != ended) {
                return;
            }
            account = null;
            if (state != State.HELD) {
                return;
            }
            if (!endGeneration()) {
                state = State.LOST;
                return;
            }
            state = State.FREE;
        }
        heap.recycle(this);
    }

    /**
     * An access through {@code handle} was counted in and never out, so the memory may still be
     * in use by a thread the kernel cannot see: it never goes to another owner, and its chunk stays
     * reserved. It still counts against its holder, until the holder ends. Under the slot's lock.
     */
    private ExchangeHeapException setAside(Block handle) {
        state = State.LOST;
        return new ExchangeHeapException("block of " + handle.size() + " bytes cannot be sent or freed: an access through it "
                + "by " + account.describe() + " never ended; its memory is set aside for good");
    }

    @Override
    public String whyDead(Block handle) {
        String what = "block of " + handle.size() + " bytes used after it was ";
        if (heap.isClosed()) {
            return what + "freed (the kernel shut down)";
        }
        return switch (state) {
            case FREE -> what + "freed";
            case LOST -> what + "set aside (an access through it never ended)";
            case IN_FLIGHT -> what + "sent (it is in a message not yet received)";
            case HELD -> {
                Holdings holder = account;
                yield what + "sent or freed (its memory now belongs to " + (holder == null ? "another SIP" : holder.describe()) + ")";
            }
        };
    }

    private MemorySegment memory() {
        return chunk.memory();
    }

    private Block handle() {
        return new Block(this, memory(), base, size, generation());
    }
}
