package singj.kernel.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import singj.abi.Block;
import singj.abi.ExchangeHeapException;

/**
 * The exchange heap: off-heap memory outside every SIP, where message payloads live. Blocks are
 * carved in power-of-two size classes from chunks; each chunk is a shared arena of its own, so that
 * a chunk whose blocks are all free can go back to the system. A freed block goes back to its
 * chunk, and is zeroed before it is handed out again.
 *
 * <p>The heap has a limit ({@code capacity}) on the memory it reserves; each SIP has a quota on
 * the bytes of the blocks it holds or has sent and not yet seen received. Empty chunks are kept
 * for reuse up to {@link #spareLimit} bytes (closing a chunk's arena costs a JVM handshake, and a
 * loop that allocates and frees one block would pay it every time); beyond that they are closed at
 * once, and when a new chunk would exceed the capacity, every empty chunk is closed first.
 *
 * <p>A stale handle never reaches memory of another owner: see {@link singj.abi.runtime.BlockSlot}.
 * A stale handle into a chunk that was closed meets the JVM's own check instead.
 */
public final class ExchangeHeap {
    /** The smallest size class. */
    static final long MIN_CLASS = 64;
    /** Classes up to this share a chunk of {@link #CHUNK} bytes; larger blocks get a chunk each. */
    static final long CHUNK = 4L << 20;
    /** How many bytes of empty chunks are kept at most, with the default capacity. */
    static final long SPARE = 16L << 20;

    private final long capacity;
    private final long spareLimit;
    /** The kernel's heap: itself, or for a window ({@link #window}) the heap whose blocks its blocks travel with. */
    private final ExchangeHeap family;
    /** For a window, the mapped memory its chunks are carved from; null for the kernel's heap, whose chunks are arenas. */
    private final WindowSpace window;
    /** For a window: what unmaps it once its owner has ended and its last block is free. */
    private Runnable retire;
    /**
     * Per size class (its log2), the chunks with a free slot, linked through {@link Chunk#next}:
     * partly used ones first (to fill them), empty ones last (to let them stay empty).
     */
    private final Chunk[] available = new Chunk[Long.SIZE];
    private final Set<Chunk> chunks = new LinkedHashSet<>();
    private long reserved;
    /** Bytes of the empty chunks kept. */
    private long spare;
    private volatile boolean closed;

    public ExchangeHeap(long capacity) {
        this.capacity = capacity;
        this.spareLimit = Math.min(SPARE, capacity / 8);
        this.family = this;
        this.window = null;
    }

    private ExchangeHeap(ExchangeHeap family, MemorySegment memory) {
        this.capacity = memory.byteSize();
        this.spareLimit = 0; // an empty chunk of a window goes back to the window's free space at once: nothing to close
        this.family = family;
        this.window = new WindowSpace(memory);
    }

    /**
     * A heap of this kernel whose blocks live in {@code memory} (a process SIP's shared-memory
     * window, docs/isolation.md): its blocks have owners, generations and quotas as any, and travel
     * in messages to any SIP of the kernel without a copy. Its bookkeeping stays in this JVM's
     * heap; the window holds block contents only.
     */
    public ExchangeHeap window(MemorySegment memory) {
        if (window != null) {
            throw new IllegalStateException("a window is carved from the kernel's heap, not from another window");
        }
        return new ExchangeHeap(this, memory);
    }

    /** Whether {@code handle} is a block of this heap (of this very window, for a window). */
    public boolean holds(Block handle) {
        return handle.slot() instanceof ExchangeBlock block && block.heap() == this;
    }

    /**
     * For a window whose owner has ended: runs {@code unmap} once no block of it is in use (now, if
     * none is), after which none ever will be, since nobody allocates from it any more.
     */
    public void retireWhenFree(Runnable unmap) {
        boolean now;
        synchronized (this) {
            closed = true; // nothing more is carved from it
            retire = unmap;
            now = usedLocked() == 0;
            if (now) {
                retire = null;
            }
        }
        if (now) {
            unmap.run();
        }
    }

    /** A zeroed block of {@code bytes} owned by {@code owner}, within its quota. */
    public Block allocate(Holdings owner, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a block needs a positive size, not " + bytes);
        }
        if (bytes > capacity) {
            throw new ExchangeHeapException("cannot allocate " + bytes + " bytes: the exchange heap holds only " + capacity);
        }
        if (bytes > owner.exchangeQuota() - owner.exchangeBytes()) {
            throw quotaExceeded(owner, bytes);
        }
        ExchangeBlock block = take(64 - Long.numberOfLeadingZeros(Math.max(MIN_CLASS, bytes) - 1));
        Block handle = block.assign(owner, bytes);
        if (handle == null) {
            recycle(block);
            throw quotaExceeded(owner, bytes);
        }
        return handle;
    }

    /** Host I/O into or out of a block's memory ({@link #access}). */
    @FunctionalInterface
    public interface BlockIo<R> {
        R run(MemorySegment memory) throws java.io.IOException;
    }

    /**
     * Runs {@code io} on {@code length} bytes of {@code handle}'s block from {@code offset}, which
     * {@code holder} must hold: the kernel's way to do a device's I/O straight into a SIP's block,
     * without a copy. The block cannot be sent or freed meanwhile (a send waits for {@code io}).
     *
     * @throws IndexOutOfBoundsException if the range is not within the block
     * @throws ExchangeHeapException if the handle is dead or {@code holder} does not hold the block
     */
    public <R> R access(Block handle, Holdings holder, long offset, long length, BlockIo<R> io) throws java.io.IOException {
        if (!(handle.slot() instanceof ExchangeBlock block) || block.heap().family != family) {
            throw new ExchangeHeapException("block of " + handle.size() + " bytes is not of this kernel's exchange heap");
        }
        return block.access(handle, holder, offset, length, io);
    }

    private static ExchangeHeapException quotaExceeded(Holdings owner, long bytes) {
        return new ExchangeHeapException("exchange heap quota exceeded: " + owner.describe() + " owns "
                + owner.exchangeBytes() + " bytes of its " + owner.exchangeQuota() + " and asked for " + bytes + " more");
    }

    /** A free slot of size class {@code 1 << log2}, out of the list of its class or from a new chunk. */
    private synchronized ExchangeBlock take(int log2) {
        if (closed) {
            throw new ExchangeHeapException("the exchange heap is closed: the kernel shut down");
        }
        Chunk chunk = available[log2];
        if (chunk == null) {
            chunk = carve(log2);
        } else if (chunk.used == 0) {
            spare -= chunk.bytes;
        }
        ExchangeBlock block = chunk.take();
        if (chunk.isFull()) {
            unlink(chunk);
        }
        return block;
    }

    /** A new chunk for class {@code log2}, linked first in its list; if there is no room, the empty chunks go back first. */
    private Chunk carve(int log2) {
        long slot = 1L << log2;
        long count = Math.max(1, CHUNK / slot);
        long bytes = slot * count;
        if (reserved + bytes > capacity) {
            reclaimSpare();
        }
        if (reserved + bytes > capacity) {
            throw new ExchangeHeapException("the exchange heap is full: " + reserved + " of its " + capacity
                    + " bytes are in blocks, none free of " + slot + " bytes");
        }
        Arena arena = null;
        MemorySegment memory;
        if (window == null) {
            arena = Arena.ofShared();
            memory = arena.allocate(bytes, 64);
        } else if ((memory = window.take(bytes)) == null) {
            throw new ExchangeHeapException("the window of the exchange heap is full: no " + bytes + " bytes free together of its "
                    + capacity);
        }
        Chunk chunk = new Chunk(this, log2, arena, memory, (int) count);
        reserved += bytes;
        chunks.add(chunk);
        linkFirst(chunk);
        return chunk;
    }

    /**
     * Gives every empty chunk back. Only when the heap is full, so the handshakes of their closing
     * are paid under the heap's lock rather than making every allocation carry a list of chunks to close.
     */
    private void reclaimSpare() {
        List<Chunk> empty = new ArrayList<>();
        for (Chunk head : available) {
            for (Chunk chunk = head; chunk != null; chunk = chunk.next) {
                if (chunk.used == 0) {
                    empty.add(chunk);
                }
            }
        }
        for (Chunk chunk : empty) {
            retire(chunk);
            chunk.close();
        }
    }

    /** Gives a slot back to its chunk: its generation has ended and nobody is charged for it. */
    void recycle(ExchangeBlock block) {
        Chunk retired = null;
        Runnable unmap = null;
        synchronized (this) {
            if (retire != null) {
                block.chunk().give(block);
                if (usedLocked() == 0) {
                    unmap = retire;
                    retire = null;
                }
            }
            if (closed) {
                if (unmap != null) {
                    unmap.run();
                }
                return; // its memory is gone with every other chunk's
            }
            Chunk chunk = block.chunk();
            boolean wasFull = chunk.isFull();
            chunk.give(block);
            if (chunk.used > 0) {
                if (wasFull) {
                    linkFirst(chunk);
                }
            } else {
                if (!wasFull) {
                    unlink(chunk); // from among the partly used
                }
                if (spare + chunk.bytes > spareLimit) {
                    retire(chunk);
                    retired = chunk;
                } else {
                    linkLast(chunk);
                    spare += chunk.bytes;
                }
            }
        }
        if (retired != null) {
            retired.close();
        }
    }

    /** Forgets an empty chunk (a spare one leaves its list); the caller closes it. */
    private void retire(Chunk chunk) {
        if (chunk.listed) {
            unlink(chunk);
            spare -= chunk.bytes;
        }
        chunks.remove(chunk);
        reserved -= chunk.bytes;
    }

    private void linkFirst(Chunk chunk) {
        Chunk head = available[chunk.log2];
        chunk.next = head;
        chunk.previous = null;
        if (head != null) {
            head.previous = chunk;
        }
        available[chunk.log2] = chunk;
        chunk.listed = true;
    }

    private void linkLast(Chunk chunk) {
        Chunk last = available[chunk.log2];
        if (last == null) {
            linkFirst(chunk);
            return;
        }
        while (last.next != null) {
            last = last.next;
        }
        last.next = chunk;
        chunk.previous = last;
        chunk.next = null;
        chunk.listed = true;
    }

    private void unlink(Chunk chunk) {
        if (chunk.previous != null) {
            chunk.previous.next = chunk.next;
        } else {
            available[chunk.log2] = chunk.next;
        }
        if (chunk.next != null) {
            chunk.next.previous = chunk.previous;
        }
        chunk.next = null;
        chunk.previous = null;
        chunk.listed = false;
    }

    /** Takes a block out of its sender's hands into a message; every handle to it is dead afterwards. */
    ExchangeBlock detach(Block handle) {
        if (!(handle.slot() instanceof ExchangeBlock block) || block.heap().family != family) {
            throw new ExchangeHeapException("a block of another kernel's exchange heap cannot be sent here");
        }
        block.detach(handle);
        return block;
    }

    public String whyDead(Block handle) {
        return handle.slot().whyDead(handle);
    }

    /** Whether the kernel shut the heap down (a window retired with its SIP is not: its blocks were each freed). */
    boolean isClosed() {
        return closed && window == null;
    }

    /** Bytes reserved from the system for blocks, used or free. */
    public synchronized long reserved() {
        return reserved;
    }

    public long capacity() {
        return capacity;
    }

    /** How many bytes of empty chunks it keeps at most. */
    long spareLimit() {
        return spareLimit;
    }

    /** Blocks in messages that nobody has received yet. */
    public synchronized int inFlight() {
        int count = 0;
        for (Chunk chunk : chunks) {
            count += chunk.count(ExchangeBlock.State.IN_FLIGHT);
        }
        return count;
    }

    /** Blocks that are not free (held or in flight): for tests that check nothing leaked. */
    public synchronized int inUse() {
        return usedLocked();
    }

    private int usedLocked() {
        int count = 0;
        for (Chunk chunk : chunks) {
            count += chunk.used;
        }
        return count;
    }

    /** Frees the heap's memory; every handle is unusable afterwards. */
    public void close() {
        List<Chunk> closing;
        synchronized (this) {
            closed = true;
            closing = new ArrayList<>(chunks);
            chunks.clear();
            reserved = 0;
            spare = 0;
            Arrays.fill(available, null);
        }
        closing.forEach(Chunk::close);
    }

    /**
     * Memory for blocks of one size class, in one arena of its own. Its slots are made as they are
     * first needed; freed ones are reused last in, first out. Guarded by the heap's lock.
     */
    static final class Chunk {
        private final ExchangeHeap heap;
        final int log2;
        private final Arena arena;
        private final MemorySegment memory;
        final long bytes;
        private final ExchangeBlock[] slots;
        /** Indices of free slots made before, {@code free} of them. */
        private final int[] freeSlots;
        private int free;
        /** Slots made so far. */
        private int made;
        int used;
        Chunk next;
        Chunk previous;
        boolean listed;

        Chunk(ExchangeHeap heap, int log2, Arena arena, MemorySegment memory, int count) {
            this.heap = heap;
            this.log2 = log2;
            this.arena = arena;
            this.memory = memory;
            this.bytes = memory.byteSize();
            this.slots = new ExchangeBlock[count];
            this.freeSlots = new int[count];
        }

        MemorySegment memory() {
            return memory;
        }

        boolean isFull() {
            return used == slots.length;
        }

        ExchangeBlock take() {
            used++;
            if (free > 0) {
                return slots[freeSlots[--free]];
            }
            int index = made++;
            return slots[index] = new ExchangeBlock(heap, this, index, (long) index << log2, 1L << log2);
        }

        void give(ExchangeBlock block) {
            used--;
            freeSlots[free++] = block.index();
        }

        int count(ExchangeBlock.State state) {
            int count = 0;
            for (int i = 0; i < made; i++) {
                if (slots[i].state() == state) {
                    count++;
                }
            }
            return count;
        }

        /**
         * Gives the memory back: a JVM handshake makes every access through a stale handle fail from
         * now on. A window's chunk goes back to the window's free space (stale handles meet their
         * generation check; the window is unmapped as a whole, {@link #retireWhenFree}).
         */
        void close() {
            if (arena != null) {
                arena.close();
            } else {
                heap.window.give(memory);
            }
        }
    }

    /** The free ranges of a window, first fit; chunks are a few MiB and a window holds a few, so a list does. */
    private static final class WindowSpace {
        private final MemorySegment memory;
        /** Free ranges as [offset, length], by offset. */
        private final java.util.TreeMap<Long, Long> free = new java.util.TreeMap<>();

        WindowSpace(MemorySegment memory) {
            this.memory = memory;
            free.put(0L, memory.byteSize());
        }

        synchronized MemorySegment take(long bytes) {
            long aligned = (bytes + 63) & ~63L;
            for (var range : free.entrySet()) {
                if (range.getValue() >= aligned) {
                    long at = range.getKey();
                    free.remove(at);
                    if (range.getValue() > aligned) {
                        free.put(at + aligned, range.getValue() - aligned);
                    }
                    return memory.asSlice(at, bytes);
                }
            }
            return null;
        }

        synchronized void give(MemorySegment chunk) {
            long at = chunk.address() - memory.address();
            long length = (chunk.byteSize() + 63) & ~63L;
            var after = free.ceilingEntry(at);
            if (after != null && after.getKey() == at + length) { // merge with the range after
                free.remove(after.getKey());
                length += after.getValue();
            }
            var before = free.floorEntry(at);
            if (before != null && before.getKey() + before.getValue() == at) { // and with the one before
                free.put(before.getKey(), before.getValue() + length);
            } else {
                free.put(at, length);
            }
        }
    }
}
