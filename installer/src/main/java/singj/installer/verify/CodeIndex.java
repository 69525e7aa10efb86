package singj.installer.verify;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.LineNumber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The instructions of one method in order, with their byte offsets and source lines, and the map
 * from a byte offset back to the instruction that starts there: what tells a branch into the
 * middle of an instruction from a branch to one. Built from the instructions alone (the
 * StackMapTable, if any, is ignored).
 */
final class CodeIndex {
    final CodeAttribute code;
    final Instruction[] instructions;
    final int[] offsets;
    final int[] lines;
    /** Bytes the decoded instructions take: more than the code length if the last one is cut short. */
    final int decodedLength;
    /** For each byte offset, one more than the index of the instruction that starts there, or 0. */
    private final int[] indexAt;

    CodeIndex(CodeAttribute code) {
        this.code = code;
        Reader reader = new Reader();
        code.forEach(reader); // not the iterator, which would first build a list of every element
        decodedLength = reader.offset;
        instructions = reader.instructions.toArray(Instruction[]::new);
        offsets = Arrays.copyOf(reader.offsets, instructions.length);
        lines = Arrays.copyOf(reader.lines, instructions.length);
        indexAt = new int[Math.max(decodedLength, code.codeLength()) + 1];
        for (int i = 0; i < offsets.length; i++) {
            indexAt[offsets[i]] = i + 1;
        }
    }

    /** Collects the instructions with their offsets and the source line each is on. */
    private static final class Reader implements Consumer<CodeElement> {
        final List<Instruction> instructions = new ArrayList<>();
        int[] offsets = new int[16];
        int[] lines = new int[16];
        int offset;
        int line = -1;

        @Override
        public void accept(CodeElement element) {
            if (element instanceof Instruction instruction) { // the most common element first
                int n = instructions.size();
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, n * 2);
                    lines = Arrays.copyOf(lines, n * 2);
                }
                offsets[n] = offset;
                lines[n] = line;
                instructions.add(instruction);
                offset += instruction.sizeInBytes();
            } else if (element instanceof LineNumber number) {
                line = number.line();
            }
        }
    }

    private byte[] bytes;

    /** The byte at {@code offset} of the code array, for the few checks that need the raw encoding. */
    int rawByte(int offset) {
        if (bytes == null) {
            bytes = code.codeArray();
        }
        return offset < bytes.length ? bytes[offset] & 0xFF : 0;
    }

    int size() {
        return instructions.length;
    }

    int codeLength() {
        return code.codeLength();
    }

    /** The index of the instruction starting at byte {@code offset}, or -1 if none does. */
    int indexAt(int offset) {
        return offset >= 0 && offset < indexAt.length ? indexAt[offset] - 1 : -1;
    }

    int offsetOf(Label label) {
        return code.labelToBci(label);
    }

    /** The index of the instruction {@code label} points at; rejects a target that is not an instruction's start. */
    int target(Label label, String what) {
        int offset = offsetOf(label);
        int index = indexAt(offset);
        if (index < 0) {
            throw new Rejection(Rules.CODE_STRUCTURE, what + " " + offset + " is not the start of an instruction"
                    + (offset >= 0 && offset < codeLength() ? " (it is inside one)" : " (it is outside the code)"));
        }
        return index;
    }
}
