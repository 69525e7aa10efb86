package singj.kernel.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import singj.abi.Block;
import singj.abi.ExchangeHeapException;
import singj.abi.runtime.BlockSpace;

/**
 * The exchange heap: off-heap memory outside every SIP, where message payloads live. Blocks are
 * carved in power-of-two size classes from chunks of a shared arena; a freed block goes back to
 * its class's free list and is zeroed before it is handed out again. Chunks are kept until the
 * kernel closes, so a stale handle's generation check always reads memory of the heap, and
 * never reaches past its own block (every access is bounds-checked against the block's size).
 *
 * <p>The heap has a limit ({@code capacity}) on the memory it reserves; each SIP has a quota on
 * the bytes of blocks it owns. A block in a message belongs to no SIP until it is received.
 */
public final class ExchangeHeap implements BlockSpace {
    /** The smallest size class. */
    static final long MIN_CLASS = 64;
    /** Classes up to this share a chunk of {@link #CHUNK} bytes; larger blocks get a chunk each. */
    static final long CHUNK = 4L << 20;

    /** Created with the first block: a shared arena costs a boot several milliseconds. */
    private Arena arena;
    private final long capacity;
    /** Every block, by id: replaced (under the heap's lock) when a chunk is carved, read without it on the send path. */
    private volatile ExchangeBlock[] byId = new ExchangeBlock[0];
    private final Map<Long, ArrayDeque<ExchangeBlock>> free = new HashMap<>();
    private long reserved;

    public ExchangeHeap(long capacity) {
        this.capacity = capacity;
    }

    /** A zeroed block of {@code bytes} owned by {@code owner}, within its quota. */
    public Block allocate(Holdings owner, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a block needs a positive size, not " + bytes);
        }
        if (bytes > capacity) {
            throw new ExchangeHeapException("cannot allocate " + bytes + " bytes: the exchange heap holds only " + capacity);
        }
        long sizeClass = Math.max(MIN_CLASS, Long.highestOneBit(bytes - 1) << 1);
        if (bytes > owner.exchangeQuota() - owner.exchangeBytes()) {
            throw quotaExceeded(owner, bytes);
        }
        ExchangeBlock block = take(sizeClass);
        Block handle = block.assign(owner, bytes);
        if (!owner.charge(block, false)) {
            block.release();
            throw quotaExceeded(owner, bytes);
        }
        return handle;
    }

    private static ExchangeHeapException quotaExceeded(Holdings owner, long bytes) {
        return new ExchangeHeapException("exchange heap quota exceeded: " + owner.describe() + " owns "
                + owner.exchangeBytes() + " bytes of its " + owner.exchangeQuota() + " and asked for " + bytes + " more");
    }

    private ExchangeBlock take(long sizeClass) {
        ExchangeBlock recycled;
        synchronized (this) {
            ArrayDeque<ExchangeBlock> list = free.get(sizeClass);
            recycled = list == null ? null : list.poll();
            if (recycled == null) {
                carve(sizeClass);
                return free.get(sizeClass).poll(); // fresh memory is already zero
            }
        }
        recycled.clear();
        return recycled;
    }

    /** A new chunk of blocks of {@code sizeClass}, onto its free list. */
    private void carve(long sizeClass) {
        long slot = Block.HEADER + sizeClass;
        long count = Math.max(1, CHUNK / slot);
        long bytes = slot * count;
        if (reserved + bytes > capacity) {
            throw new ExchangeHeapException("the exchange heap is full: " + reserved + " of its " + capacity
                    + " bytes are in blocks, none free of " + sizeClass + " bytes");
        }
        if (arena == null) {
            arena = Arena.ofShared();
        }
        MemorySegment chunk = arena.allocate(bytes, 16);
        reserved += bytes;
        ArrayDeque<ExchangeBlock> list = free.computeIfAbsent(sizeClass, c -> new ArrayDeque<>());
        ExchangeBlock[] grown = Arrays.copyOf(byId, byId.length + (int) count);
        for (int i = byId.length; i < grown.length; i++) {
            grown[i] = new ExchangeBlock(this, i, chunk, (i - byId.length) * slot + Block.HEADER, sizeClass);
            list.add(grown[i]);
        }
        byId = grown;
    }

    synchronized void recycle(ExchangeBlock block) {
        free.get(block.capacity()).push(block);
    }

    private ExchangeBlock slotAt(Block handle) {
        int id = handle.chunk().get(ValueLayout.JAVA_INT, handle.base() - Block.HEADER + ExchangeBlock.ID);
        return byId[id];
    }

    @Override
    public void free(Block handle) {
        if (!slotAt(handle).free(handle.generation())) {
            throw new ExchangeHeapException(whyDead(handle));
        }
    }

    /** Takes a block out of its sender's hands into a message; the handle is dead afterwards. */
    ExchangeBlock detach(Block handle) {
        ExchangeBlock block = slotAt(handle);
        Holdings owner = block.detach(handle.generation());
        if (owner == null) {
            throw new ExchangeHeapException(whyDead(handle));
        }
        owner.discharge(block);
        return block;
    }

    @Override
    public String whyDead(Block handle) {
        ExchangeBlock block = slotAt(handle);
        int pid = block.ownerPid();
        String what = "block of " + handle.size() + " bytes used after it was ";
        return switch (pid) {
            case ExchangeBlock.FREE -> what + "freed";
            case ExchangeBlock.IN_FLIGHT -> what + "sent (it is in a message not yet received)";
            default -> what + "sent or freed (its memory now belongs to pid " + pid + ")";
        };
    }

    /** Bytes reserved from the system for blocks, used or free. */
    public synchronized long reserved() {
        return reserved;
    }

    public long capacity() {
        return capacity;
    }

    /** Blocks in messages that nobody has received yet. */
    public synchronized int inFlight() {
        int count = 0;
        for (ExchangeBlock block : byId) {
            if (block.ownerPid() == ExchangeBlock.IN_FLIGHT) {
                count++;
            }
        }
        return count;
    }

    /** Blocks that are not free (owned or in flight): for tests that check nothing leaked. */
    public synchronized int inUse() {
        int count = 0;
        for (ExchangeBlock block : byId) {
            if (block.ownerPid() != ExchangeBlock.FREE) {
                count++;
            }
        }
        return count;
    }

    /** Frees the heap's memory; every handle is unusable afterwards. */
    public synchronized void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
