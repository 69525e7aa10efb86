package singj.kernel.ipc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import singj.abi.Block;

/**
 * One slot of the exchange heap, as the kernel keeps it: where it lies, how large it is, and
 * who owns it. The header before the data ({@link Block#HEADER} bytes) records the generation
 * that every handle is checked against, the owner's pid and this slot's id.
 */
final class ExchangeBlock {
    static final long GENERATION = 0;
    static final long OWNER = 4;
    static final long ID = 8;
    /** Owner pid recorded while the block is in a message. */
    static final int IN_FLIGHT = -1;
    static final int FREE = 0;

    private final ExchangeHeap heap;
    private final int id;
    private final MemorySegment chunk;
    private final long base;
    private final long capacity;
    private long size;
    private Holdings owner;

    ExchangeBlock(ExchangeHeap heap, int id, MemorySegment chunk, long base, long capacity) {
        this.heap = heap;
        this.id = id;
        this.chunk = chunk;
        this.base = base;
        this.capacity = capacity;
        chunk.set(ValueLayout.JAVA_INT, base - Block.HEADER + ID, id);
    }

    int id() {
        return id;
    }

    long capacity() {
        return capacity;
    }

    synchronized long size() {
        return size;
    }

    synchronized Holdings owner() {
        return owner;
    }

    int generation() {
        return chunk.get(ValueLayout.JAVA_INT, base - Block.HEADER + GENERATION);
    }

    int ownerPid() {
        return chunk.get(ValueLayout.JAVA_INT, base - Block.HEADER + OWNER);
    }

    /** Every handle made before this is dead from now on. */
    private void nextGeneration() {
        chunk.set(ValueLayout.JAVA_INT, base - Block.HEADER + GENERATION, generation() + 1);
    }

    /** Hands the slot to {@code owner} with {@code size} bytes in use: a new generation. */
    synchronized Block assign(Holdings newOwner, long newSize) {
        nextGeneration();
        size = newSize;
        owner = newOwner;
        chunk.set(ValueLayout.JAVA_INT, base - Block.HEADER + OWNER, newOwner.pid());
        return handle();
    }

    /**
     * Takes the block from its owner into a message, if {@code generation} is still current
     * (two threads sending or freeing one block: only one wins). Every handle is dead until the
     * block is received. Returns the previous owner's holdings, or null if the handle was stale.
     */
    synchronized Holdings detach(int generation) {
        if (generation() != generation || owner == null) {
            return null;
        }
        Holdings previous = owner;
        nextGeneration();
        owner = null;
        chunk.set(ValueLayout.JAVA_INT, base - Block.HEADER + OWNER, IN_FLIGHT);
        return previous;
    }

    /** Gives a block that was in a message to its receiver. */
    synchronized Block attach(Holdings receiver) {
        owner = receiver;
        chunk.set(ValueLayout.JAVA_INT, base - Block.HEADER + OWNER, receiver.pid());
        return handle();
    }

    /** Frees the block through a handle of {@code generation}: false if that handle is stale. */
    boolean free(int generation) {
        Holdings previous;
        synchronized (this) {
            if (generation() != generation) {
                return false;
            }
            previous = owner;
            retire();
        }
        if (previous != null) {
            previous.discharge(this);
        }
        heap.recycle(this);
        return true;
    }

    /**
     * Returns the slot to the heap whatever its state: its owner died (and has discharged it), or
     * it was in a message that nobody will receive.
     */
    void release() {
        synchronized (this) {
            if (ownerPid() == FREE) {
                return;
            }
            retire();
        }
        heap.recycle(this);
    }

    private void retire() {
        nextGeneration();
        owner = null;
        size = 0;
        chunk.set(ValueLayout.JAVA_INT, base - Block.HEADER + OWNER, FREE);
    }

    /** Zeroes the data, before the slot is handed out again. */
    void clear() {
        chunk.asSlice(base, capacity).fill((byte) 0);
    }

    private Block handle() {
        return new Block(heap, chunk, base, size, generation());
    }
}
