package singj.installer.verify;

import static singj.installer.verify.ClassFormat.CLASS;
import static singj.installer.verify.ClassFormat.DOUBLE;
import static singj.installer.verify.ClassFormat.DYNAMIC;
import static singj.installer.verify.ClassFormat.FIELDREF;
import static singj.installer.verify.ClassFormat.FLOAT;
import static singj.installer.verify.ClassFormat.INTEGER;
import static singj.installer.verify.ClassFormat.INTERFACE_METHODREF;
import static singj.installer.verify.ClassFormat.INVOKE_DYNAMIC;
import static singj.installer.verify.ClassFormat.LONG;
import static singj.installer.verify.ClassFormat.METHODREF;
import static singj.installer.verify.ClassFormat.METHOD_HANDLE;
import static singj.installer.verify.ClassFormat.METHOD_TYPE;
import static singj.installer.verify.ClassFormat.STRING;
import static singj.installer.verify.ClassFormat.UTF8;

/**
 * A class's constant pool as {@link ClassFormat} read it, once: each entry's tag and operands,
 * and its Utf8 entries as Strings, every reference already checked to point at an entry of the
 * right kind with a legal name or descriptor. What the verifier reads from the pool for the
 * instructions comes from here, not from the ClassFile API, which would read and check each
 * entry a second time.
 *
 * <p>An instruction's own operand may still name an entry of the wrong kind (ClassFormat checks
 * the entries, not the instructions): the accessors that take such an index throw an
 * {@link IllegalArgumentException} then, as the ClassFile API does, and the verifier reports it
 * as an invalid constant pool operand.
 */
final class Pool {
    private final int[] tags;
    /** For each entry: its first u2 operand (a method handle: its kind), and its second. */
    private final int[] first;
    private final int[] second;
    private final String[] utf8;

    Pool(int[] tags, int[] first, int[] second, String[] utf8) {
        this.tags = tags;
        this.first = first;
        this.second = second;
        this.utf8 = utf8;
    }

    /** The tag of entry {@code index}, or 0 if there is no such entry (index 0, out of range, or a long's second slot). */
    int tag(int index) {
        return index > 0 && index < tags.length ? tags[index] : 0;
    }

    /** {@code index}, checked to be an entry with tag {@code tag} (or {@code other}, if that is not 0). */
    int expect(int index, int tag, int other) {
        int actual = tag(index);
        if (actual != tag && (other == 0 || actual != other)) {
            throw new IllegalArgumentException("constant pool entry #" + index + " has tag " + actual + ", not "
                    + tag + (other == 0 ? "" : " or " + other));
        }
        return index;
    }

    String utf8(int index) {
        return utf8[expect(index, UTF8, 0)];
    }

    /** The internal name of the Class entry {@code index}. */
    String className(int index) {
        return utf8[first[expect(index, CLASS, 0)]];
    }

    /** A Fieldref. */
    int field(int index) {
        return expect(index, FIELDREF, 0);
    }

    /** A Fieldref, Methodref or InterfaceMethodref: what the ClassFile API reads for every invoke but invokeinterface. */
    int member(int index) {
        int tag = tag(index);
        if (tag != FIELDREF) {
            expect(index, METHODREF, INTERFACE_METHODREF);
        }
        return index;
    }

    /** The owner's internal name of the member reference {@code member} (checked by {@link #member} or {@link #field}). */
    String owner(int member) {
        return utf8[first[first[member]]];
    }

    /** The name of a member, invokedynamic or dynamic constant {@code entry}. */
    String name(int entry) {
        return utf8[first[second[entry]]];
    }

    /** The Utf8 index of the descriptor of a member, invokedynamic or dynamic constant {@code entry}. */
    int descriptor(int entry) {
        return second[second[entry]];
    }

    int invokeDynamic(int index) {
        return expect(index, INVOKE_DYNAMIC, 0);
    }

    /** Whether {@code index} is a constant ldc can load. */
    int loadable(int index) {
        return switch (tag(index)) {
            case INTEGER, FLOAT, LONG, DOUBLE, STRING, CLASS, METHOD_TYPE, METHOD_HANDLE, DYNAMIC -> index;
            default -> throw new IllegalArgumentException("constant pool entry #" + index + " (tag " + tag(index)
                    + ") is not a loadable constant");
        };
    }
}
