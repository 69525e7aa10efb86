package singj.installer.verify;

import java.nio.charset.StandardCharsets;
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
 * and its Utf8 entries as Strings (made when first read: most string constants never are), every reference already checked to point at an entry of the
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
    private final byte[] bytes;
    private final int[] tags;
    /** For each entry: its first u2 operand (a method handle: its kind; a Utf8: where its bytes start), and its second (a Utf8: their length). */
    private final int[] first;
    private final int[] second;
    private final String[] utf8;

    /** The pool of the class file {@code bytes}, whose arrays {@link ClassFormat} fills as it reads and checks the entries. */
    Pool(byte[] bytes, int[] tags, int[] first, int[] second) {
        this.bytes = bytes;
        this.tags = tags;
        this.first = first;
        this.second = second;
        this.utf8 = new String[tags.length];
    }

    /** The Utf8 entry {@code index} as a String, or null if it is not a Utf8 entry; its bytes are legal modified UTF-8 (ClassFormat checked). */
    String text(int index) {
        if (tag(index) != UTF8) {
            return null;
        }
        String text = utf8[index];
        if (text == null) {
            text = utf8[index] = decode(first[index], second[index]);
        }
        return text;
    }

    private String decode(int start, int length) {
        if (isPlainAscii(bytes, start, length)) {
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        int n = 0;
        for (int i = start; i < start + length; i++) {
            int c = bytes[i] & 0xFF;
            if (c < 0x80) {
                chars[n++] = (char) c;
            } else if ((c & 0xE0) == 0xC0) {
                chars[n++] = (char) (((c & 0x1F) << 6) | (bytes[++i] & 0x3F));
            } else {
                chars[n++] = (char) (((c & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
                i += 2;
            }
        }
        return new String(chars, 0, n);
    }

    /** Nearly every name and descriptor is ASCII without a zero byte, and needs no decoding. */
    static boolean isPlainAscii(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (bytes[i] <= 0) {
                return false; // zero, or 0x80 and above (negative as a byte)
            }
        }
        return true;
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

    /** Whether the Utf8 entry {@code index} is a legal field descriptor, checked on its bytes. */
    boolean isFieldDescriptor(int index) {
        expect(index, UTF8, 0);
        return Names.isFieldDescriptor(bytes, first[index], first[index] + second[index]);
    }

    String utf8(int index) {
        return text(expect(index, UTF8, 0));
    }

    /** The internal name of the Class entry {@code index}. */
    String className(int index) {
        return text(first[expect(index, CLASS, 0)]);
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
        return text(first[first[member]]);
    }

    /** The name of a member, invokedynamic or dynamic constant {@code entry}. */
    String name(int entry) {
        return text(first[second[entry]]);
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
