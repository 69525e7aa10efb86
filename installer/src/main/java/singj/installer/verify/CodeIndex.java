package singj.installer.verify;

import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.util.Arrays;

/**
 * One method's code, decoded once from the class file's bytes: the instructions in order, each as
 * its {@link Opcode} and byte offset, with their operands read from the bytes when asked for, and
 * the map from a byte offset back to the instruction that starts there (what tells a branch into
 * the middle of an instruction from a branch to one). No object is made per instruction, the
 * exception table and the StackMapTable are read from the same bytes, and source lines only when
 * a message needs one. Constant pool operands come from the {@link Pool} the format check read;
 * an operand naming the wrong kind of entry throws an {@link IllegalArgumentException}, as the
 * ClassFile API's instruction objects do.
 *
 * <p>Decodes what the ClassFile API decodes and refuses what it refuses (an unknown opcode, an
 * unknown {@code wide} form, a switch whose size cannot be right): {@code CodeIndexTest} holds the
 * two to the same instructions and operands over the JDK's own classes.
 */
final class CodeIndex {
    private static final Opcode[] BY_CODE = new Opcode[256];
    private static final Opcode[] WIDE_BY_CODE = new Opcode[256];
    /** The size of each opcode's instruction: 0 for a switch (its size is in its operands) or an unknown opcode. */
    private static final byte[] SIZE = new byte[256];
    private static final int WIDE = 0xC4;

    static {
        for (Opcode opcode : Opcode.values()) {
            if (opcode.isWide()) {
                WIDE_BY_CODE[opcode.bytecode() & 0xFF] = opcode;
            } else {
                BY_CODE[opcode.bytecode()] = opcode;
                SIZE[opcode.bytecode()] = (byte) Math.max(0, opcode.sizeIfFixed());
            }
        }
    }

    private final byte[] classBytes;
    /** Where the code array starts in {@link #classBytes}. */
    private final int start;
    private final int codeLength;
    final int maxStack;
    final int maxLocals;
    final Pool pool;
    /** The opcode and the byte offset of each instruction, in the first {@link #size()} elements. */
    final Opcode[] opcodes;
    final int[] offsets;
    private final int size;
    /** Bytes the decoded instructions take: more than the code length if the last one is cut short. */
    final int decodedLength;
    /** For each byte offset, one more than the index of the instruction that starts there, or 0. */
    private final int[] indexAt;
    /** Where the exception table's length is in {@link #classBytes}. */
    private final int exceptionTable;
    private final ClassFormat.CodeLayout layout;
    private int[] lines;

    /**
     * Decodes the Code attribute {@code layout} names in {@code classBytes}, whose format
     * {@link ClassFormat} has checked. Throws {@link IllegalArgumentException} for code that does not decode.
     */
    CodeIndex(byte[] classBytes, ClassFormat.CodeLayout layout, Pool pool) {
        this.classBytes = classBytes;
        this.layout = layout;
        this.pool = pool;
        int at = layout.attribute();
        maxStack = u2Absolute(at);
        maxLocals = u2Absolute(at + 2);
        codeLength = (int) Math.min(Integer.MAX_VALUE, (long) s4Absolute(at + 4) & 0xFFFFFFFFL);
        start = at + 8;
        exceptionTable = start + codeLength;
        // at most one instruction per byte: sized once, never grown
        Opcode[] ops = new Opcode[codeLength];
        int[] offs = new int[codeLength];
        int[] index = new int[codeLength + 1];
        int n = 0;
        int offset = 0;
        byte[] b = classBytes;
        while (offset < codeLength) {
            int code = b[start + offset] & 0xFF;
            Opcode opcode = BY_CODE[code];
            int size = SIZE[code];
            if (size == 0) {
                opcode = code == WIDE ? wide(offset) : opcode;
                if (opcode == null) {
                    throw new IllegalArgumentException("unknown instruction: " + code);
                }
                size = code == WIDE ? opcode.sizeIfFixed() : switchSize(opcode, offset);
            }
            ops[n] = opcode;
            offs[n] = offset;
            index[offset] = ++n;
            offset += size;
        }
        decodedLength = offset;
        size = n;
        opcodes = ops;
        offsets = offs;
        indexAt = decodedLength <= codeLength ? index : Arrays.copyOf(index, decodedLength + 1);
    }

    private Opcode wide(int offset) {
        int widened = u1(offset + 1);
        Opcode opcode = WIDE_BY_CODE[widened];
        if (opcode == null) {
            throw new IllegalArgumentException("unknown wide instruction: " + widened);
        }
        return opcode;
    }

    /** The size of the switch at {@code offset}, with the ClassFile API's bounds on its counts. */
    private int switchSize(Opcode opcode, int offset) {
        int table = switchTable(offset);
        if (opcode == Opcode.TABLESWITCH) {
            int low = s4(table + 4);
            int high = s4(table + 8);
            if (high < low || (long) high - low > codeLength >> 2) {
                throw new IllegalArgumentException("Invalid tableswitch values low: " + low + " high: " + high);
            }
            return table + 12 + (high - low + 1) * 4 - offset;
        }
        int pairs = s4(table + 4);
        if (pairs < 0 || pairs > codeLength >> 3) {
            throw new IllegalArgumentException("Invalid lookupswitch npairs value: " + pairs);
        }
        return table + 8 + pairs * 8 - offset;
    }

    /** Where the 4-byte aligned table of the switch at {@code offset} starts. */
    private static int switchTable(int offset) {
        return (offset + 4) & ~3;
    }

    // ---- bytes of the code, by offset in the code (0 past its end, where a cut-short instruction reads)

    int u1(int offset) {
        return offset >= 0 && offset < codeLength ? classBytes[start + offset] & 0xFF : 0;
    }

    private int s1(int offset) {
        return (byte) u1(offset);
    }

    private int u2(int offset) {
        return u1(offset) << 8 | u1(offset + 1);
    }

    private int s2(int offset) {
        return (short) u2(offset);
    }

    private int s4(int offset) {
        return u2(offset) << 16 | u2(offset + 2);
    }

    private int u2Absolute(int at) {
        return (classBytes[at] & 0xFF) << 8 | classBytes[at + 1] & 0xFF;
    }

    private int s4Absolute(int at) {
        return u2Absolute(at) << 16 | u2Absolute(at + 2);
    }

    // ---- the instructions and their operands, by index

    int size() {
        return size;
    }

    int codeLength() {
        return codeLength;
    }

    /** The index of the instruction starting at byte {@code offset}, or -1 if none does. */
    int indexAt(int offset) {
        return offset >= 0 && offset < indexAt.length ? indexAt[offset] - 1 : -1;
    }

    /** The index of the instruction at {@code offset}; rejects a target that is not an instruction's start. */
    int target(int offset, String what) {
        int index = indexAt(offset);
        if (index < 0) {
            throw new Rejection(Rules.CODE_STRUCTURE, what + " " + offset + " is not the start of an instruction"
                    + (offset >= 0 && offset < codeLength ? " (it is inside one)" : " (it is outside the code)"));
        }
        return index;
    }

    /** The local a load, store, iinc or ret of instruction {@code i} names. */
    int slot(int i) {
        Opcode opcode = opcodes[i];
        int offset = offsets[i];
        if (opcode.isWide()) {
            return u2(offset + 2);
        }
        int code = opcode.bytecode();
        if (code >= 0x1A && code <= 0x2D) { // iload_0 .. aload_3
            return (code - 0x1A) & 3;
        }
        if (code >= 0x3B && code <= 0x4E) { // istore_0 .. astore_3
            return (code - 0x3B) & 3;
        }
        return u1(offset + 1);
    }

    /** The constant an iinc adds. */
    int increment(int i) {
        return opcodes[i].isWide() ? s2(offsets[i] + 4) : s1(offsets[i] + 2);
    }

    /** The byte offset a branch (or jsr) goes to. */
    int branchTarget(int i) {
        Opcode opcode = opcodes[i];
        int offset = offsets[i];
        return offset + (opcode == Opcode.GOTO_W || opcode == Opcode.JSR_W ? s4(offset + 1) : s2(offset + 1));
    }

    /**
     * The byte offsets a switch goes to: its default first, then each case's in table order (as
     * the ClassFile API lists them: a tableswitch's cases that go to the default are left out).
     */
    int[] switchTargets(int i) {
        int offset = offsets[i];
        int table = switchTable(offset);
        boolean isTable = opcodes[i] == Opcode.TABLESWITCH;
        int cases = isTable ? s4(table + 8) - s4(table + 4) + 1 : s4(table + 4);
        int[] targets = new int[cases + 1];
        int defaultOffset = s4(table);
        targets[0] = offset + defaultOffset;
        int n = 1;
        for (int k = 0; k < cases; k++) {
            int target = s4(isTable ? table + 12 + 4 * k : table + 12 + 8 * k);
            if (!isTable || target != defaultOffset) {
                targets[n++] = offset + target;
            }
        }
        return n == targets.length ? targets : Arrays.copyOf(targets, n);
    }

    /** Whether a lookupswitch's keys are sorted and distinct. */
    boolean lookupKeysSorted(int i) {
        int table = switchTable(offsets[i]);
        int pairs = s4(table + 4);
        for (int k = 1; k < pairs; k++) {
            if (s4(table + 8 + 8 * (k - 1)) >= s4(table + 8 + 8 * k)) {
                return false;
            }
        }
        return true;
    }

    /** The constant pool index instruction {@code i} names (an ldc's is one byte). */
    private int operand(int i) {
        return opcodes[i] == Opcode.LDC ? u1(offsets[i] + 1) : u2(offsets[i] + 1);
    }

    /** The internal name of the class instruction {@code i} names (new, anewarray, checkcast, instanceof, multianewarray). */
    String className(int i) {
        return pool.className(operand(i));
    }

    /** The Fieldref a field instruction names. */
    int field(int i) {
        return pool.field(operand(i));
    }

    /** The method an invoke names: for invokeinterface an InterfaceMethodref or it does not decode, as in the ClassFile API. */
    int member(int i) {
        int index = operand(i);
        return opcodes[i] == Opcode.INVOKEINTERFACE ? pool.expect(index, ClassFormat.INTERFACE_METHODREF, 0)
                : pool.member(index);
    }

    int invokeDynamic(int i) {
        return pool.invokeDynamic(operand(i));
    }

    /** The constant an ldc, ldc_w or ldc2_w loads. */
    int loadable(int i) {
        return pool.loadable(operand(i));
    }

    /** The count byte of an invokeinterface, or the dimensions of a multianewarray: the byte after the index. */
    int thirdByte(int i) {
        return u1(offsets[i] + 3);
    }

    /** The element kind of a newarray. */
    TypeKind newArrayKind(int i) {
        return TypeKind.fromNewarrayCode(u1(offsets[i] + 1));
    }

    /**
     * The kind of value an instruction works on, from its mnemonic as the JVMS names them (iload,
     * laload, fcmpl, d2i, areturn...): the first letter. {@code return} is void; bipush and sipush push an int.
     */
    static TypeKind typeKind(Opcode opcode) {
        if (opcode == Opcode.RETURN) {
            return TypeKind.VOID;
        }
        if (opcode == Opcode.BIPUSH || opcode == Opcode.SIPUSH) {
            return TypeKind.INT; // the value pushed, not the operand's width
        }
        return kindOfLetter(opcode.name().charAt(0));
    }

    /** What a conversion (i2l, d2f, i2b ...) makes: the letter after the 2. */
    static TypeKind convertedTo(Opcode opcode) {
        return kindOfLetter(opcode.name().charAt(2));
    }

    private static TypeKind kindOfLetter(char letter) {
        return switch (letter) {
            case 'I' -> TypeKind.INT;
            case 'L' -> TypeKind.LONG;
            case 'F' -> TypeKind.FLOAT;
            case 'D' -> TypeKind.DOUBLE;
            case 'A' -> TypeKind.REFERENCE;
            case 'B' -> TypeKind.BYTE;
            case 'C' -> TypeKind.CHAR;
            case 'S' -> TypeKind.SHORT;
            default -> throw new IllegalStateException("no type kind for " + letter);
        };
    }

    // ---- the exception table

    int handlerCount() {
        return u2Absolute(exceptionTable);
    }

    /** Field {@code field} (0 start, 1 end, 2 handler, 3 catch type index) of exception table entry {@code k}. */
    int handlerField(int k, int field) {
        return u2Absolute(exceptionTable + 2 + 8 * k + 2 * field);
    }

    /** The internal name of the class exception table entry {@code k} catches, or null for any. */
    String catchType(int k) {
        int index = handlerField(k, 3);
        return index == 0 ? null : pool.className(index);
    }

    // ---- the StackMapTable, read by StackMapCheck

    /** Where the StackMapTable's payload starts in {@link #classBytes}, or -1 if the code has none. */
    int stackMapTable() {
        return layout.stackMapTable();
    }

    int classU1(int at) {
        return classBytes[at] & 0xFF;
    }

    int classU2(int at) {
        return u2Absolute(at);
    }

    // ---- source lines, only for messages

    /** The source line of instruction {@code i} (the LineNumberTable's last entry at or before it), or -1. */
    int line(int i) {
        if (lines == null) {
            lines = readLines();
        }
        return lines[i];
    }

    /**
     * As the ClassFile API gives them: an entry counts only where an instruction starts (and a line
     * 0 not at all), a later entry for the same offset wins, and the line holds until the next one.
     */
    private int[] readLines() {
        int[] byOffset = new int[codeLength + 1];
        for (int table : layout.lineNumberTables()) {
            int n = u2Absolute(table);
            for (int k = 0; k < n; k++) {
                int pc = u2Absolute(table + 2 + 4 * k);
                if (pc <= codeLength) {
                    byOffset[pc] = u2Absolute(table + 4 + 4 * k);
                }
            }
        }
        int[] result = new int[size];
        int line = -1;
        for (int i = 0; i < size; i++) {
            if (byOffset[offsets[i]] != 0) {
                line = byOffset[offsets[i]];
            }
            result[i] = line;
        }
        return result;
    }
}
