package singj.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import singj.abi.runtime.BlockSlot;

/**
 * A block of the exchange heap: memory outside every SIP, owned by one SIP at a time, that moves
 * between SIPs in messages without being copied. A SIP gets one from {@link Sip#allocate} or in a
 * message; sending it in a message, or {@link #free}ing it, kills this handle: every later use
 * throws {@link ExchangeHeapException}, and no use can ever reach outside the block, nor memory
 * that the block's next owner holds, even while another thread sends or frees it.
 *
 * <p>Offsets are in bytes from the block's start; multi-byte values are in the platform's byte
 * order and need no alignment. Blocks are not garbage collected: free them, or they are freed
 * when their owner ends.
 */
public final class Block {
    private final BlockSlot slot;
    private final MemorySegment chunk;
    private final long base;
    private final long size;
    private final long generation;

    /** Made by the kernel only (the installer rejects this constructor in SIP code). */
    public Block(BlockSlot slot, MemorySegment chunk, long base, long size, long generation) {
        this.slot = Objects.requireNonNull(slot);
        this.chunk = chunk;
        this.base = base;
        this.size = size;
        this.generation = generation;
    }

    public long size() {
        return size;
    }

    /** Where the block lives: the same for the sender and the receiver, since nothing is copied. */
    public long address() {
        return chunk.address() + base;
    }

    /** Whether this handle can still be used (it was neither sent nor freed). */
    public boolean isLive() {
        return slot.isCurrent(generation);
    }

    /** Returns the block to the exchange heap; this handle is dead afterwards. */
    public void free() {
        if (!slot.isCurrent(generation)) {
            throw dead();
        }
        slot.free(this);
    }

    public byte getByte(long offset) {
        readable(offset, 1);
        byte value;
        try {
            value = chunk.get(ValueLayout.JAVA_BYTE, base + offset);
        } catch (IllegalStateException closed) {
            throw dead();
        }
        validate();
        return value;
    }

    public void putByte(long offset, byte value) {
        pin(offset, 1);
        try {
            chunk.set(ValueLayout.JAVA_BYTE, base + offset, value);
        } finally {
            slot.unpin();
        }
    }

    public short getShort(long offset) {
        readable(offset, 2);
        short value;
        try {
            value = chunk.get(ValueLayout.JAVA_SHORT_UNALIGNED, base + offset);
        } catch (IllegalStateException closed) {
            throw dead();
        }
        validate();
        return value;
    }

    public void putShort(long offset, short value) {
        pin(offset, 2);
        try {
            chunk.set(ValueLayout.JAVA_SHORT_UNALIGNED, base + offset, value);
        } finally {
            slot.unpin();
        }
    }

    public char getChar(long offset) {
        readable(offset, 2);
        char value;
        try {
            value = chunk.get(ValueLayout.JAVA_CHAR_UNALIGNED, base + offset);
        } catch (IllegalStateException closed) {
            throw dead();
        }
        validate();
        return value;
    }

    public void putChar(long offset, char value) {
        pin(offset, 2);
        try {
            chunk.set(ValueLayout.JAVA_CHAR_UNALIGNED, base + offset, value);
        } finally {
            slot.unpin();
        }
    }

    public int getInt(long offset) {
        readable(offset, 4);
        int value;
        try {
            value = chunk.get(ValueLayout.JAVA_INT_UNALIGNED, base + offset);
        } catch (IllegalStateException closed) {
            throw dead();
        }
        validate();
        return value;
    }

    public void putInt(long offset, int value) {
        pin(offset, 4);
        try {
            chunk.set(ValueLayout.JAVA_INT_UNALIGNED, base + offset, value);
        } finally {
            slot.unpin();
        }
    }

    public float getFloat(long offset) {
        readable(offset, 4);
        float value;
        try {
            value = chunk.get(ValueLayout.JAVA_FLOAT_UNALIGNED, base + offset);
        } catch (IllegalStateException closed) {
            throw dead();
        }
        validate();
        return value;
    }

    public void putFloat(long offset, float value) {
        pin(offset, 4);
        try {
            chunk.set(ValueLayout.JAVA_FLOAT_UNALIGNED, base + offset, value);
        } finally {
            slot.unpin();
        }
    }

    public long getLong(long offset) {
        readable(offset, 8);
        long value;
        try {
            value = chunk.get(ValueLayout.JAVA_LONG_UNALIGNED, base + offset);
        } catch (IllegalStateException closed) {
            throw dead();
        }
        validate();
        return value;
    }

    public void putLong(long offset, long value) {
        pin(offset, 8);
        try {
            chunk.set(ValueLayout.JAVA_LONG_UNALIGNED, base + offset, value);
        } finally {
            slot.unpin();
        }
    }

    public double getDouble(long offset) {
        readable(offset, 8);
        double value;
        try {
            value = chunk.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset);
        } catch (IllegalStateException closed) {
            throw dead();
        }
        validate();
        return value;
    }

    public void putDouble(long offset, double value) {
        pin(offset, 8);
        try {
            chunk.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset, value);
        } finally {
            slot.unpin();
        }
    }

    /** Sets {@code length} bytes from {@code offset} to {@code value}. */
    public void fill(long offset, long length, byte value) {
        pin(offset, length);
        try {
            chunk.asSlice(base + offset, length).fill(value);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code length} bytes of {@code source} from {@code from} into this block at {@code offset}. */
    public void copyFrom(byte[] source, int from, long offset, int length) {
        Objects.checkFromIndexSize(from, length, source.length);
        pin(offset, length);
        try {
            MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_BYTE, base + offset, length);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code length} bytes of this block from {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, byte[] target, int at, int length) {
        Objects.checkFromIndexSize(at, length, target.length);
        pin(offset, length);
        try {
            MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, base + offset, target, at, length);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code count} ints of {@code source} from {@code from} into this block at byte {@code offset}. */
    public void copyFrom(int[] source, int from, long offset, int count) {
        Objects.checkFromIndexSize(from, count, source.length);
        pin(offset, 4L * count);
        try {
            MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_INT_UNALIGNED, base + offset, count);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code count} ints of this block from byte {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, int[] target, int at, int count) {
        Objects.checkFromIndexSize(at, count, target.length);
        pin(offset, 4L * count);
        try {
            MemorySegment.copy(chunk, ValueLayout.JAVA_INT_UNALIGNED, base + offset, target, at, count);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code count} longs of {@code source} from {@code from} into this block at byte {@code offset}. */
    public void copyFrom(long[] source, int from, long offset, int count) {
        Objects.checkFromIndexSize(from, count, source.length);
        pin(offset, 8L * count);
        try {
            MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_LONG_UNALIGNED, base + offset, count);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code count} longs of this block from byte {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, long[] target, int at, int count) {
        Objects.checkFromIndexSize(at, count, target.length);
        pin(offset, 8L * count);
        try {
            MemorySegment.copy(chunk, ValueLayout.JAVA_LONG_UNALIGNED, base + offset, target, at, count);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code count} doubles of {@code source} from {@code from} into this block at byte {@code offset}. */
    public void copyFrom(double[] source, int from, long offset, int count) {
        Objects.checkFromIndexSize(from, count, source.length);
        pin(offset, 8L * count);
        try {
            MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset, count);
        } finally {
            slot.unpin();
        }
    }

    /** Copies {@code count} doubles of this block from byte {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, double[] target, int at, int count) {
        Objects.checkFromIndexSize(at, count, target.length);
        pin(offset, 8L * count);
        try {
            MemorySegment.copy(chunk, ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset, target, at, count);
        } finally {
            slot.unpin();
        }
    }

    /** For the kernel: the slot of the heap this handle speaks for (the installer rejects this method in SIP code). */
    public BlockSlot slot() {
        return slot;
    }

    /** For the kernel: the generation this handle speaks for. */
    public long generation() {
        return generation;
    }

    @Override
    public String toString() {
        return "Block[" + size + " bytes" + (isLive() ? "" : ", dead") + "]";
    }

    /**
     * Before an optimistic read of one value: the range is the block's and the handle is current.
     * If a send or free wins the race after this, the read may find the block's chunk already given
     * back to the system: the JVM then throws {@link IllegalStateException} instead of reading, and
     * the getters turn it into the stale handle's error.
     */
    private void readable(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, size);
        if (!slot.isCurrent(generation)) {
            throw dead();
        }
    }

    /** After it: the value read is thrown away unless the handle stayed current (see {@link BlockSlot}). */
    private void validate() {
        if (!slot.validate(generation)) {
            throw dead();
        }
    }

    /** Before a write or a bulk copy: the range is the block's, and the handle stays current until {@code unpin}. */
    private void pin(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, size);
        if (!slot.pin(generation)) {
            throw dead();
        }
    }

    private ExchangeHeapException dead() {
        return new ExchangeHeapException(slot.whyDead(this));
    }
}
