package singj.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import singj.abi.runtime.BlockSpace;

/**
 * A block of the exchange heap: memory outside every SIP, owned by one SIP at a time, that moves
 * between SIPs in messages without being copied. A SIP gets one from {@link Sip#allocate} or in a
 * message; sending it in a message, or {@link #free}ing it, kills this handle: every later use
 * throws {@link ExchangeHeapException}, and no use can ever reach outside the block.
 *
 * <p>Offsets are in bytes from the block's start; multi-byte values are in the platform's byte
 * order and need no alignment. Blocks are not garbage collected: free them, or they are freed
 * when their owner ends.
 */
public final class Block {
    /** Bytes of header before a block's data: generation (int), owner pid (int), size (long). */
    public static final long HEADER = 16;
    private static final ValueLayout.OfInt GENERATION = ValueLayout.JAVA_INT;

    private final BlockSpace space;
    private final MemorySegment chunk;
    private final long base;
    private final long size;
    private final int generation;

    /** Made by the kernel only (the installer rejects this constructor in SIP code). */
    public Block(BlockSpace space, MemorySegment chunk, long base, long size, int generation) {
        this.space = Objects.requireNonNull(space);
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
        return chunk.get(GENERATION, base - HEADER) == generation;
    }

    /** Returns the block to the exchange heap; this handle is dead afterwards. */
    public void free() {
        live();
        space.free(this);
    }

    public byte getByte(long offset) {
        check(offset, 1);
        return chunk.get(ValueLayout.JAVA_BYTE, base + offset);
    }

    public void putByte(long offset, byte value) {
        check(offset, 1);
        chunk.set(ValueLayout.JAVA_BYTE, base + offset, value);
    }

    public short getShort(long offset) {
        check(offset, 2);
        return chunk.get(ValueLayout.JAVA_SHORT_UNALIGNED, base + offset);
    }

    public void putShort(long offset, short value) {
        check(offset, 2);
        chunk.set(ValueLayout.JAVA_SHORT_UNALIGNED, base + offset, value);
    }

    public char getChar(long offset) {
        check(offset, 2);
        return chunk.get(ValueLayout.JAVA_CHAR_UNALIGNED, base + offset);
    }

    public void putChar(long offset, char value) {
        check(offset, 2);
        chunk.set(ValueLayout.JAVA_CHAR_UNALIGNED, base + offset, value);
    }

    public int getInt(long offset) {
        check(offset, 4);
        return chunk.get(ValueLayout.JAVA_INT_UNALIGNED, base + offset);
    }

    public void putInt(long offset, int value) {
        check(offset, 4);
        chunk.set(ValueLayout.JAVA_INT_UNALIGNED, base + offset, value);
    }

    public float getFloat(long offset) {
        check(offset, 4);
        return chunk.get(ValueLayout.JAVA_FLOAT_UNALIGNED, base + offset);
    }

    public void putFloat(long offset, float value) {
        check(offset, 4);
        chunk.set(ValueLayout.JAVA_FLOAT_UNALIGNED, base + offset, value);
    }

    public long getLong(long offset) {
        check(offset, 8);
        return chunk.get(ValueLayout.JAVA_LONG_UNALIGNED, base + offset);
    }

    public void putLong(long offset, long value) {
        check(offset, 8);
        chunk.set(ValueLayout.JAVA_LONG_UNALIGNED, base + offset, value);
    }

    public double getDouble(long offset) {
        check(offset, 8);
        return chunk.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset);
    }

    public void putDouble(long offset, double value) {
        check(offset, 8);
        chunk.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset, value);
    }

    /** Sets {@code length} bytes from {@code offset} to {@code value}. */
    public void fill(long offset, long length, byte value) {
        check(offset, length);
        chunk.asSlice(base + offset, length).fill(value);
    }

    /** Copies {@code length} bytes of {@code source} from {@code from} into this block at {@code offset}. */
    public void copyFrom(byte[] source, int from, long offset, int length) {
        Objects.checkFromIndexSize(from, length, source.length);
        check(offset, length);
        MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_BYTE, base + offset, length);
    }

    /** Copies {@code length} bytes of this block from {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, byte[] target, int at, int length) {
        Objects.checkFromIndexSize(at, length, target.length);
        check(offset, length);
        MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, base + offset, target, at, length);
    }

    /** Copies {@code count} ints of {@code source} from {@code from} into this block at byte {@code offset}. */
    public void copyFrom(int[] source, int from, long offset, int count) {
        Objects.checkFromIndexSize(from, count, source.length);
        check(offset, 4L * count);
        MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_INT_UNALIGNED, base + offset, count);
    }

    /** Copies {@code count} ints of this block from byte {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, int[] target, int at, int count) {
        Objects.checkFromIndexSize(at, count, target.length);
        check(offset, 4L * count);
        MemorySegment.copy(chunk, ValueLayout.JAVA_INT_UNALIGNED, base + offset, target, at, count);
    }

    /** Copies {@code count} longs of {@code source} from {@code from} into this block at byte {@code offset}. */
    public void copyFrom(long[] source, int from, long offset, int count) {
        Objects.checkFromIndexSize(from, count, source.length);
        check(offset, 8L * count);
        MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_LONG_UNALIGNED, base + offset, count);
    }

    /** Copies {@code count} longs of this block from byte {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, long[] target, int at, int count) {
        Objects.checkFromIndexSize(at, count, target.length);
        check(offset, 8L * count);
        MemorySegment.copy(chunk, ValueLayout.JAVA_LONG_UNALIGNED, base + offset, target, at, count);
    }

    /** Copies {@code count} doubles of {@code source} from {@code from} into this block at byte {@code offset}. */
    public void copyFrom(double[] source, int from, long offset, int count) {
        Objects.checkFromIndexSize(from, count, source.length);
        check(offset, 8L * count);
        MemorySegment.copy(source, from, chunk, ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset, count);
    }

    /** Copies {@code count} doubles of this block from byte {@code offset} into {@code target} at {@code at}. */
    public void copyTo(long offset, double[] target, int at, int count) {
        Objects.checkFromIndexSize(at, count, target.length);
        check(offset, 8L * count);
        MemorySegment.copy(chunk, ValueLayout.JAVA_DOUBLE_UNALIGNED, base + offset, target, at, count);
    }

    /** For the kernel: the chunk of the heap the block lies in. */
    public MemorySegment chunk() {
        return chunk;
    }

    /** For the kernel: where the block's data starts in its chunk. */
    public long base() {
        return base;
    }

    /** For the kernel: the generation this handle speaks for. */
    public int generation() {
        return generation;
    }

    @Override
    public String toString() {
        return "Block[" + size + " bytes" + (isLive() ? "" : ", dead") + "]";
    }

    private void check(long offset, long length) {
        live();
        Objects.checkFromIndexSize(offset, length, size);
    }

    private void live() {
        if (chunk.get(GENERATION, base - HEADER) != generation) {
            throw new ExchangeHeapException(space.whyDead(this));
        }
    }
}
