package singj.installer.verify;

import java.lang.classfile.ClassFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The format of a class file (JVMS 4.1 to 4.8), read from its bytes: every structure within its
 * stated length and nothing after the last, every constant pool entry well formed and of the kind
 * its users need, legal names, descriptors and access flags, the attributes the JVM checks sized
 * and pointing where they must. The ClassFile API reads lazily and forgives much of this; the JVM
 * does not, and neither may the installer, or it would accept what the JVM then refuses to load.
 */
final class ClassFormat {
    /** Constant pool tags (JVMS 4.4). */
    static final int UTF8 = 1, INTEGER = 3, FLOAT = 4, LONG = 5, DOUBLE = 6, CLASS = 7, STRING = 8,
            FIELDREF = 9, METHODREF = 10, INTERFACE_METHODREF = 11, NAME_AND_TYPE = 12, METHOD_HANDLE = 15,
            METHOD_TYPE = 16, DYNAMIC = 17, INVOKE_DYNAMIC = 18;
    private static final int ACC_PUBLIC = 0x1, ACC_PRIVATE = 0x2, ACC_PROTECTED = 0x4, ACC_STATIC = 0x8, ACC_FINAL = 0x10,
            ACC_SUPER = 0x20, ACC_SYNCHRONIZED = 0x20, ACC_VOLATILE = 0x40, ACC_BRIDGE = 0x40, ACC_TRANSIENT = 0x80,
            ACC_VARARGS = 0x80, ACC_NATIVE = 0x100, ACC_INTERFACE = 0x200, ACC_ABSTRACT = 0x400, ACC_STRICT = 0x800,
            ACC_SYNTHETIC = 0x1000, ACC_ANNOTATION = 0x2000, ACC_ENUM = 0x4000, ACC_MODULE = 0x8000;

    /** Attributes of which a class, field or method may have at most one. */
    private static final List<String> ONCE_ATTRIBUTES = List.of("SourceFile", "Signature", "ConstantValue", "InnerClasses",
            "EnclosingMethod", "NestHost", "NestMembers", "PermittedSubclasses", "Code", "Exceptions");

    /** A format error: where, and what. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] bytes;
    private int pos;
    private int major;
    private int[] tags;
    /** For each constant pool entry: its first u2 operand (or the Utf8's offset), and its second. */
    private int[] first;
    private int[] second;
    /** The entries, as the verifier reads them after this check: Utf8 entries become Strings only when read. */
    private Pool pool;
    private boolean isInterface;
    private int classAccess;

    /** Where each method's Code attribute is, in method order (null for a method without one). */
    private final List<CodeLayout> codeLayouts = new ArrayList<>();
    /** The method being read: its Code attribute and that attribute's tables, as {@link CodeLayout} gives them. */
    private int codeAt;
    private int stackMapAt;
    private int[] lineTablesAt;

    private ClassFormat(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Where a method's code is in the class file's bytes, found while its format is checked, so
     * that the verifier reads the code, its exception table, StackMapTable and line numbers from
     * the bytes without parsing them again: the offset of the Code attribute's payload (its
     * max_stack), of the StackMapTable's payload (-1 if none), and of each LineNumberTable's.
     */
    record CodeLayout(int attribute, int stackMapTable, int[] lineNumberTables) {}

    /** What is wrong with the format of a class file (empty when nothing is), and, when nothing is, where each method's code is. */
    record Result(List<String> problems, List<CodeLayout> methods, Pool pool) {}

    /** What is wrong with the format of {@code bytes}; empty when nothing is. */
    static List<String> problems(byte[] bytes) {
        return check(bytes).problems();
    }

    static Result check(byte[] bytes) {
        ClassFormat format = new ClassFormat(bytes);
        try {
            format.read();
            return new Result(List.of(), format.codeLayouts, format.pool);
        } catch (Malformed e) {
            return new Result(List.of(e.getMessage()), List.of(), null);
        }
    }

    private static final int[] NO_TABLES = new int[0];

    private void read() {
        if (u4() != 0xCAFEBABEL) {
            throw new Malformed("it does not start with 0xCAFEBABE: not a class file");
        }
        int minor = u2();
        major = u2();
        if (major < 45 || major > ClassFile.latestMajorVersion()) {
            throw new Malformed("class file version " + major + "." + minor + " is not supported (45 to "
                    + ClassFile.latestMajorVersion() + ")");
        }
        if (major >= 56 && minor != 0) {
            throw new Malformed("class file version " + major + "." + minor + " uses preview features, which a SIP cannot");
        }
        readConstantPool();
        int access = u2();
        classAccess = access;
        isInterface = (access & ACC_INTERFACE) != 0;
        checkClassFlags(access);
        int thisClass = u2();
        expect(thisClass, CLASS, "this_class");
        int superClass = u2();
        if (superClass == 0) {
            if (!utf8(first[thisClass]).equals("java/lang/Object")) {
                throw new Malformed("the class has no superclass; only java.lang.Object may");
            }
        } else {
            expect(superClass, CLASS, "super_class");
            if (utf8(first[superClass]).charAt(0) == '[') {
                throw new Malformed("the superclass is an array type");
            }
        }
        if (isInterface && (superClass == 0 || !utf8(first[superClass]).equals("java/lang/Object"))) {
            throw new Malformed("an interface's superclass must be java.lang.Object");
        }
        int interfaces = u2();
        Set<String> interfaceNames = new HashSet<>();
        for (int i = 0; i < interfaces; i++) {
            int index = u2();
            expect(index, CLASS, "interface " + i);
            String name = utf8(first[index]);
            if (name.charAt(0) == '[') {
                throw new Malformed("interface " + i + " is an array type");
            }
            if (!interfaceNames.add(name)) {
                throw new Malformed("interface " + name.replace('/', '.') + " is named twice");
            }
        }
        members(false);
        members(true);
        attributes(Place.CLASS, null, -1, -1);
        if (pos != bytes.length) {
            throw new Malformed((bytes.length - pos) + " extra bytes after the end of the class file");
        }
    }

    // ---- the constant pool

    private void readConstantPool() {
        int count = u2();
        if (count == 0) {
            throw new Malformed("the constant pool count is 0");
        }
        tags = new int[count];
        first = new int[count];
        second = new int[count];
        pool = new Pool(bytes, tags, first, second);
        legal = new byte[count];
        for (int i = 1; i < count; i++) {
            int tag = u1();
            tags[i] = tag;
            switch (tag) {
                case UTF8 -> modifiedUtf8(i);
                case INTEGER, FLOAT -> skip(4);
                case LONG, DOUBLE -> {
                    skip(8);
                    if (++i >= count) {
                        throw new Malformed("constant pool entry #" + (i - 1) + " (a long or double) has no room for its second slot");
                    }
                }
                case CLASS, STRING, METHOD_TYPE -> first[i] = u2();
                case FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
                    first[i] = u2();
                    second[i] = u2();
                }
                case METHOD_HANDLE -> {
                    first[i] = u1();
                    second[i] = u2();
                }
                default -> throw new Malformed("constant pool entry #" + i + " has unknown tag " + tag);
            }
            if ((tag == METHOD_HANDLE || tag == METHOD_TYPE || tag == INVOKE_DYNAMIC) && major < 51
                    || tag == DYNAMIC && major < 55) {
                throw new Malformed("constant pool entry #" + i + " (tag " + tag + ") needs a newer class file version than "
                        + major);
            }
        }
        // what a member reference points at is checked before the reference itself
        for (int i = 1; i < count; i++) {
            if (tags[i] == CLASS || tags[i] == STRING || tags[i] == METHOD_TYPE || tags[i] == NAME_AND_TYPE) {
                checkEntry(i);
            }
        }
        for (int i = 1; i < count; i++) {
            if (!(tags[i] == CLASS || tags[i] == STRING || tags[i] == METHOD_TYPE || tags[i] == NAME_AND_TYPE)) {
                checkEntry(i);
            }
        }
    }

    /**
     * Checks the Utf8 entry {@code index} is modified UTF-8 (JVMS 4.4.7: no zero byte, no byte from
     * 0xF0, every multi-byte sequence complete) and notes where it is; the {@link Pool} makes it a
     * String only when something reads it (most string constants nothing does).
     */
    private void modifiedUtf8(int index) {
        int length = u2();
        int start = pos;
        skip(length);
        first[index] = start;
        second[index] = length;
        if (Pool.isPlainAscii(bytes, start, length)) {
            return;
        }
        for (int i = start; i < start + length; i++) {
            int c = bytes[i] & 0xFF;
            if (c == 0 || c >= 0xF0) {
                throw new Malformed("constant pool entry #" + index + " is not legal modified UTF-8");
            }
            if (c < 0x80) {
                continue;
            } else if ((c & 0xE0) == 0xC0 && i + 1 < start + length && (bytes[i + 1] & 0xC0) == 0x80) {
                i++;
            } else if ((c & 0xF0) == 0xE0 && i + 2 < start + length && (bytes[i + 1] & 0xC0) == 0x80
                    && (bytes[i + 2] & 0xC0) == 0x80) {
                i += 2;
            } else {
                throw new Malformed("constant pool entry #" + index + " is not legal modified UTF-8");
            }
        }
    }

    /** The Utf8 entry {@code index} as a String; null if it is not a Utf8 entry. */
    private String utf8(int index) {
        return pool.text(index);
    }

    private void checkEntry(int i) {
        switch (tags[i]) {
            case CLASS -> {
                expectIn(first[i], UTF8, i, "a class");
                if (!isClassName(first[i])) {
                    throw new Malformed(entry(i) + ": illegal class name \"" + utf8(first[i]) + "\"");
                }
            }
            case STRING -> expectIn(first[i], UTF8, i, "a string");
            case METHOD_TYPE -> {
                expectIn(first[i], UTF8, i, "a method type");
                if (!isMethodDescriptor(first[i])) {
                    throw new Malformed(entry(i) + ": illegal method descriptor \"" + utf8(first[i]) + "\"");
                }
            }
            case NAME_AND_TYPE -> {
                expectIn(first[i], UTF8, i, "a name");
                expectIn(second[i], UTF8, i, "a descriptor");
            }
            case FIELDREF, METHODREF, INTERFACE_METHODREF -> {
                expectIn(first[i], CLASS, i, "a member's class");
                expectIn(second[i], NAME_AND_TYPE, i, "a member's name and type");
                String name = utf8(first[second[i]]);
                String descriptor = utf8(second[second[i]]);
                if (tags[i] == FIELDREF) {
                    if (!Names.isUnqualifiedName(name, false) || !isFieldDescriptor(second[second[i]])) {
                        throw new Malformed(entry(i) + ": illegal field " + name + " " + descriptor);
                    }
                } else if (!Names.isUnqualifiedName(name, true) || !isMethodDescriptor(second[second[i]])
                        || name.equals("<clinit>") || name.equals("<init>") && !descriptor.endsWith(")V")) {
                    throw new Malformed(entry(i) + ": illegal method " + name + descriptor);
                }
            }
            case METHOD_HANDLE -> {
                int kind = first[i];
                int wanted = switch (kind) {
                    case 1, 2, 3, 4 -> FIELDREF;
                    case 5, 8 -> METHODREF;
                    case 9 -> INTERFACE_METHODREF;
                    case 6, 7 -> major >= 52 && tags[second[i]] == INTERFACE_METHODREF ? INTERFACE_METHODREF : METHODREF;
                    default -> throw new Malformed(entry(i) + ": method handle kind " + kind + " does not exist");
                };
                expectIn(second[i], wanted, i, "a method handle's member");
            }
            case DYNAMIC, INVOKE_DYNAMIC -> {
                expectIn(second[i], NAME_AND_TYPE, i, "a dynamic constant's name and type");
                int descriptor = second[second[i]];
                if (tags[i] == DYNAMIC ? !isFieldDescriptor(descriptor) : !isMethodDescriptor(descriptor)) {
                    throw new Malformed(entry(i) + ": illegal descriptor \"" + utf8(descriptor) + "\"");
                }
            }
            default -> { }
        }
    }

    private static String entry(int i) {
        return "constant pool entry #" + i;
    }

    /** As {@link #expect(int, int, String)} for an operand of entry {@code entry}; the message is built only on failure. */
    private void expectIn(int index, int tag, int entry, String role) {
        if (index <= 0 || index >= tags.length || tags[index] != tag) {
            expect(index, tag, entry(entry) + " (" + role + ")");
        }
    }

    // Names and descriptors are shared by many entries and members: each Utf8 entry is checked once
    // for each use it is put to, and the answer kept (the bits below, per entry).
    private static final byte CLASS_NAME = 1, FIELD_DESCRIPTOR = 2, METHOD_DESCRIPTOR = 4;
    private byte[] legal;

    private boolean isClassName(int index) {
        return legal(index, CLASS_NAME) || remember(index, CLASS_NAME, Names.isClassName(utf8(index)));
    }

    private boolean isFieldDescriptor(int index) {
        return legal(index, FIELD_DESCRIPTOR) || remember(index, FIELD_DESCRIPTOR, Names.isFieldDescriptor(utf8(index)));
    }

    private boolean isMethodDescriptor(int index) {
        return legal(index, METHOD_DESCRIPTOR) || remember(index, METHOD_DESCRIPTOR, Names.isMethodDescriptor(utf8(index)));
    }

    private boolean legal(int index, byte use) {
        return (legal[index] & use) != 0;
    }

    private boolean remember(int index, byte use, boolean isLegal) {
        if (isLegal) {
            legal[index] |= use;
        }
        return isLegal;
    }

    /** As {@link #expect(int, int, String)}, with the description in two parts joined only on failure. */
    private void expect(int index, int tag, Object where, String what) {
        if (index <= 0 || index >= tags.length || tags[index] != tag) {
            expect(index, tag, where + what);
        }
    }

    private void expect(int index, int tag, String what) {
        if (index <= 0 || index >= tags.length || tags[index] != tag) {
            throw new Malformed(what + " refers to constant pool entry #" + index + ", which is "
                    + (index <= 0 || index >= tags.length ? "outside the pool" : "not a " + tagName(tag)));
        }
    }

    private static String tagName(int tag) {
        return switch (tag) {
            case UTF8 -> "Utf8";
            case CLASS -> "Class";
            case NAME_AND_TYPE -> "NameAndType";
            case FIELDREF -> "Fieldref";
            case METHODREF -> "Methodref";
            case INTERFACE_METHODREF -> "InterfaceMethodref";
            case METHOD_HANDLE -> "MethodHandle";
            case INTEGER -> "Integer";
            case LONG -> "Long";
            case FLOAT -> "Float";
            case DOUBLE -> "Double";
            case STRING -> "String";
            default -> "tag " + tag;
        };
    }

    private boolean isUtf8(int index) {
        return index > 0 && index < tags.length && tags[index] == UTF8;
    }

    /**
     * Where in the class a check is: the class, a field or method, or an attribute of one. Put
     * into words only when a check fails, so that a well-formed class costs no string building.
     */
    private record Place(Place outer, String kind, String name, String descriptor) {
        static final Place CLASS = new Place(null, "class", "", "");

        static Place member(String kind, String name, String descriptor) {
            return new Place(null, kind, name, descriptor);
        }

        Place attribute(String attributeName) {
            return new Place(this, null, attributeName, "");
        }

        @Override
        public String toString() {
            if (outer != null) {
                return outer + ": attribute " + name;
            }
            return name.isEmpty() ? kind : kind + " " + name + descriptor;
        }
    }

    private String utf8At(int index, Object where, String what) {
        expect(index, UTF8, where, what);
        return utf8(index);
    }

    // ---- fields and methods

    private void members(boolean methods) {
        int count = u2();
        Set<String> seen = new HashSet<>();
        for (int m = 0; m < count; m++) {
            int access = u2();
            String kind = methods ? "method" : "field";
            int nameIndex = u2();
            if (!isUtf8(nameIndex)) {
                expect(nameIndex, UTF8, kind + " " + m + "'s name");
            }
            String name = utf8(nameIndex);
            int descriptorIndex = u2();
            if (!isUtf8(descriptorIndex)) {
                expect(descriptorIndex, UTF8, kind + " " + name + "'s descriptor");
            }
            String descriptor = utf8(descriptorIndex);
            Place where = Place.member(kind, name, descriptor);
            if (!Names.isUnqualifiedName(name, methods) || (methods ? !isMethodDescriptor(descriptorIndex)
                    : !isFieldDescriptor(descriptorIndex))) {
                throw new Malformed(where + ": illegal name or descriptor");
            }
            if (!seen.add(name + descriptor)) {
                throw new Malformed(where + " is declared twice");
            }
            if (methods) {
                checkMethod(where, name, descriptor, access);
            } else {
                checkFieldFlags(where, access);
            }
            boolean needsCode = methods && (isClassInitializer(name) || (access & (ACC_ABSTRACT | ACC_NATIVE)) == 0);
            codeAt = -1;
            int codes = attributes(where, descriptor, methods ? (needsCode ? 1 : 0) : -1, access);
            if (methods && codes != (needsCode ? 1 : 0)) {
                throw new Malformed(where + (needsCode ? " has no Code attribute" : " is abstract or native but has code"));
            }
            if (methods) {
                codeLayouts.add(codeAt < 0 ? null : new CodeLayout(codeAt, stackMapAt, lineTablesAt));
            }
        }
    }

    /**
     * The JVM ignores the flags of {@code <clinit>} but {@code ACC_STATIC} (JVMS 4.6; below version
     * 51 it takes them as static alone), so an abstract or native one still has, and runs, its code.
     */
    static boolean isClassInitializer(String methodName) {
        return methodName.equals("<clinit>");
    }

    private void checkClassFlags(int access) {
        if (isInterface && major < 50) {
            access |= ACC_ABSTRACT; // as the JVM reads an interface of these versions (HotSpot's ClassFileParser)
        }
        boolean abstractAndFinal = (access & (ACC_FINAL | ACC_ABSTRACT)) == (ACC_FINAL | ACC_ABSTRACT);
        boolean ok = (access & ACC_MODULE) == 0 && !abstractAndFinal && (isInterface
                ? (access & ACC_ABSTRACT) != 0 && (major < 49 || (access & (ACC_SUPER | ACC_ENUM)) == 0)
                : major < 49 || (access & ACC_ANNOTATION) == 0);
        if (!ok) {
            throw new Malformed("illegal class access flags 0x" + Integer.toHexString(access));
        }
    }

    private void checkFieldFlags(Place where, int access) {
        boolean ok = Integer.bitCount(access & (ACC_PUBLIC | ACC_PRIVATE | ACC_PROTECTED)) <= 1
                && (access & (ACC_FINAL | ACC_VOLATILE)) != (ACC_FINAL | ACC_VOLATILE);
        if (isInterface) {
            ok &= (access & (ACC_PUBLIC | ACC_STATIC | ACC_FINAL)) == (ACC_PUBLIC | ACC_STATIC | ACC_FINAL)
                    && (access & (ACC_PRIVATE | ACC_PROTECTED | ACC_VOLATILE | ACC_TRANSIENT | ACC_ENUM)) == 0;
        }
        if (!ok) {
            throw new Malformed(where + ": illegal access flags 0x" + Integer.toHexString(access));
        }
    }

    private void checkMethod(Place where, String name, String descriptor, int access) {
        boolean ok = Integer.bitCount(access & (ACC_PUBLIC | ACC_PRIVATE | ACC_PROTECTED)) <= 1;
        boolean isAbstract = (access & ACC_ABSTRACT) != 0;
        boolean strictMatters = major >= 46 && major < 61;
        if (name.equals("<clinit>")) {
            ok = descriptor.equals("()V") && (major < 51 || (access & ACC_STATIC) != 0);
        } else if (name.equals("<init>")) {
            ok &= !isInterface && descriptor.endsWith(")V")
                    && (access & (ACC_STATIC | ACC_FINAL | ACC_SYNCHRONIZED | ACC_BRIDGE | ACC_NATIVE | ACC_ABSTRACT)) == 0;
        } else if (isInterface) {
            if (major < 52) {
                ok &= (access & (ACC_PUBLIC | ACC_ABSTRACT)) == (ACC_PUBLIC | ACC_ABSTRACT)
                        && (access & (ACC_PRIVATE | ACC_PROTECTED | ACC_STATIC | ACC_FINAL | ACC_SYNCHRONIZED | ACC_NATIVE
                        | ACC_STRICT)) == 0;
            } else {
                ok &= Integer.bitCount(access & (ACC_PUBLIC | ACC_PRIVATE)) == 1
                        && (access & (ACC_PROTECTED | ACC_FINAL | ACC_SYNCHRONIZED | ACC_NATIVE)) == 0
                        && (!isAbstract || (access & (ACC_PRIVATE | ACC_STATIC)) == 0 && !(strictMatters
                        && (access & ACC_STRICT) != 0));
            }
        } else if (isAbstract) {
            ok &= (access & (ACC_PRIVATE | ACC_STATIC | ACC_FINAL | ACC_SYNCHRONIZED | ACC_NATIVE)) == 0
                    && !(strictMatters && (access & ACC_STRICT) != 0);
        }
        if (!ok) {
            throw new Malformed(where + ": illegal access flags 0x" + Integer.toHexString(access));
        }
    }

    // ---- attributes

    /**
     * Reads the attributes of the class (owner descriptor null), a field or a method, checking those
     * the JVM checks; returns how many Code attributes there were.
     */
    private int attributes(Place where, String descriptor, int codeWanted, int access) {
        int count = u2();
        int codes = 0;
        int seenOnce = 0;
        for (int a = 0; a < count; a++) {
            String name = utf8At(u2(), where, ": an attribute's name");
            long length = u4();
            if (length > bytes.length - pos) {
                throw new Malformed(where + ": attribute " + name + " says it is " + length + " bytes long, more than remain");
            }
            int end = pos + (int) length;
            Place in = where.attribute(name);
            boolean known = true;
            switch (name) {
                case "SourceFile", "Signature" -> {
                    if (length != 2) {
                        throw new Malformed(in + " must be 2 bytes long, not " + length);
                    }
                    utf8At(u2(), in, "");
                }
                case "ConstantValue" -> {
                    if (codeWanted != -1 || descriptor == null || length != 2) {
                        throw new Malformed(in + " is misplaced or not 2 bytes long");
                    }
                    int index = u2();
                    int wanted = switch (descriptor.charAt(0)) {
                        case 'J' -> LONG;
                        case 'F' -> FLOAT;
                        case 'D' -> DOUBLE;
                        case 'I', 'S', 'C', 'B', 'Z' -> INTEGER;
                        default -> STRING;
                    };
                    if ((access & ACC_STATIC) != 0) {
                        expect(index, wanted, in, "");
                        if (wanted == STRING && !descriptor.equals("Ljava/lang/String;")) {
                            throw new Malformed(in + ": a string constant for a field of type " + descriptor);
                        }
                    }
                }
                case "Exceptions" -> {
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        expect(u2(), CLASS, in, "");
                    }
                }
                case "InnerClasses" -> {
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        expect(u2(), CLASS, in, " (inner class)");
                        optional(u2(), CLASS, in, " (outer class)");
                        optional(u2(), UTF8, in, " (inner name)");
                        u2();
                    }
                }
                case "EnclosingMethod" -> {
                    expect(u2(), CLASS, in, "");
                    optional(u2(), NAME_AND_TYPE, in, "");
                }
                case "NestHost" -> expect(u2(), CLASS, in, "");
                case "NestMembers", "PermittedSubclasses" -> {
                    if (name.equals("PermittedSubclasses") && where == Place.CLASS && major >= 61
                            && (classAccess & ACC_FINAL) != 0) { // sealed from version 61: the JVM ignores it before
                        throw new Malformed("a final class cannot have a PermittedSubclasses attribute");
                    }
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        expect(u2(), CLASS, in, "");
                    }
                }
                case "Code" -> {
                    if (codeWanted < 0) {
                        throw new Malformed(in + " belongs to a method");
                    }
                    codes++;
                    code(in, end);
                }
                default -> known = false;
            }
            int bit = known ? 1 << ONCE_ATTRIBUTES.indexOf(name) : 0;
            if ((seenOnce & bit) != 0) {
                throw new Malformed(where + " has more than one " + name + " attribute");
            }
            seenOnce |= bit;
            if (known && pos != end) {
                throw new Malformed(in + " is " + length + " bytes long, but its content takes " + (pos - (end - length)));
            }
            pos = end;
        }
        return codes;
    }

    private void optional(int index, int tag, Place where, String what) {
        if (index != 0) {
            expect(index, tag, where, what);
        }
    }

    private void code(Place where, int end) {
        codeAt = pos;
        stackMapAt = -1;
        lineTablesAt = NO_TABLES;
        u2(); // max_stack: checked by the verifier, which knows the depth
        int maxLocals = u2();
        long codeLength = u4();
        if (codeLength == 0 || codeLength > 65535 || codeLength > end - pos) {
            throw new Malformed(where + ": the code length " + codeLength + " must be 1 to 65535 and fit the attribute");
        }
        skip((int) codeLength);
        int handlers = u2();
        skip(handlers * 8);
        int count = u2();
        // an entry as its four u2 fields in one long: a LocalVariableTypeTable entry must match one of the other table
        long[] variables = new long[8];
        int variableCount = 0;
        List<Long> variableTypes = new ArrayList<>();
        boolean stackMapSeen = false;
        for (int a = 0; a < count; a++) {
            String name = utf8At(u2(), where, ": an attribute's name");
            long length = u4();
            if (length > end - pos) {
                throw new Malformed(where + ": attribute " + name + " says it is " + length + " bytes long, more than remain");
            }
            int attributeEnd = pos + (int) length;
            Place in = where.attribute(name);
            switch (name) {
                case "LineNumberTable" -> {
                    lineTablesAt = Arrays.copyOf(lineTablesAt, lineTablesAt.length + 1);
                    lineTablesAt[lineTablesAt.length - 1] = pos;
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        if (u2() >= codeLength) {
                            throw new Malformed(in + ": a line starts outside the code");
                        }
                        u2();
                    }
                }
                case "LocalVariableTable", "LocalVariableTypeTable" -> {
                    boolean types = name.equals("LocalVariableTypeTable");
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        int start = u2();
                        int length2 = u2();
                        int nameIndex = u2();
                        String variable = utf8At(nameIndex, in, "");
                        int descriptorIndex = u2();
                        String descriptor = utf8At(descriptorIndex, in, "");
                        int slot = u2();
                        if (start >= codeLength || start + length2 > codeLength) {
                            throw new Malformed(in + ": variable " + variable + " lives outside the code");
                        }
                        if (!Names.isUnqualifiedName(variable, false)
                                || !types && !isFieldDescriptor(descriptorIndex)) {
                            throw new Malformed(in + ": illegal variable " + variable + " " + descriptor);
                        }
                        int size = !types && (descriptor.equals("J") || descriptor.equals("D")) ? 2 : 1;
                        if (slot + size > maxLocals) {
                            throw new Malformed(in + ": variable " + variable + " is in local " + slot
                                    + ", beyond max_locals " + maxLocals);
                        }
                        long packed = (long) start << 48 | (long) length2 << 32 | (long) nameIndex << 16 | slot;
                        if (types) {
                            variableTypes.add(packed);
                        } else {
                            if (variableCount == variables.length) {
                                variables = Arrays.copyOf(variables, variableCount * 2);
                            }
                            variables[variableCount++] = packed;
                        }
                    }
                }
                case "StackMapTable" -> {
                    if (major >= 50) { // before, the JVM ignores the attribute
                        if (stackMapSeen) {
                            throw new Malformed(where + " has more than one StackMapTable attribute");
                        }
                        stackMapSeen = true;
                        stackMapAt = pos;
                        stackMapTable(in, attributeEnd);
                    }
                }
                default -> { }
            }
            if (!name.equals("LineNumberTable") && !name.equals("LocalVariableTable")
                    && !name.equals("LocalVariableTypeTable")) {
                pos = attributeEnd;
            } else if (pos != attributeEnd) {
                throw new Malformed(in + " has the wrong length");
            }
        }
        Arrays.sort(variables, 0, variableCount);
        for (long typed : variableTypes) {
            if (Arrays.binarySearch(variables, 0, variableCount, typed) < 0) {
                throw new Malformed(where + ": a LocalVariableTypeTable entry matches no LocalVariableTable entry");
            }
        }
        if (pos != end) {
            throw new Malformed(where + " has the wrong length");
        }
    }

    /**
     * The encoding of a StackMapTable (JVMS 4.7.4): known frame and verification types, classes
     * named by Class entries, and frames that fill the attribute exactly. The JVM refuses a class
     * for these from version 50 on, even where it would otherwise verify it again by inference;
     * what the frames say is {@link StackMapCheck}'s.
     */
    private void stackMapTable(Place in, int end) {
        int frames = u2Within(in, end);
        for (int f = 1; f <= frames; f++) {
            int type = u1Within(in, end);
            if (type < 64) {
                continue; // same_frame
            }
            if (type < 128) {
                verificationType(in, end, f); // same_locals_1_stack_item_frame
                continue;
            }
            if (type < 247) {
                throw new Malformed(in + ": frame " + f + " has the reserved frame type " + type);
            }
            u2Within(in, end); // offset_delta
            if (type == 247) {
                verificationType(in, end, f);
            } else if (type > 251 && type < 255) { // append_frame (chop_frame and same_frame_extended have no types)
                for (int k = 0; k < type - 251; k++) {
                    verificationType(in, end, f);
                }
            } else if (type == 255) {
                for (int part = 0; part < 2; part++) { // full_frame: the locals, then the stack
                    int n = u2Within(in, end);
                    for (int k = 0; k < n; k++) {
                        verificationType(in, end, f);
                    }
                }
            }
        }
        if (pos != end) {
            throw new Malformed(in + " is " + (end - pos) + " bytes longer than its " + frames + " frames");
        }
    }

    private void verificationType(Place in, int end, int frame) {
        int tag = u1Within(in, end);
        if (tag > 8) {
            throw new Malformed(in + ": frame " + frame + " has the unknown verification type tag " + tag);
        }
        if (tag == 7) { // Object_variable_info
            expect(u2Within(in, end), CLASS, in, " (a type in frame " + frame + ")");
        } else if (tag == 8) { // Uninitialized_variable_info: its offset is StackMapCheck's
            u2Within(in, end);
        }
    }

    private int u1Within(Place in, int end) {
        if (pos + 1 > end) {
            throw new Malformed(in + ": a frame runs past the end of the attribute");
        }
        return u1();
    }

    private int u2Within(Place in, int end) {
        if (pos + 2 > end) {
            throw new Malformed(in + ": a frame runs past the end of the attribute");
        }
        return u2();
    }

    // ---- bytes

    private void need(int n) {
        if (n < 0 || pos + n > bytes.length) {
            throw new Malformed("the class file is truncated (" + bytes.length + " bytes)");
        }
    }

    private void skip(int n) {
        need(n);
        pos += n;
    }

    private int u1() {
        need(1);
        return bytes[pos++] & 0xFF;
    }

    private int u2() {
        need(2);
        int value = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
        pos += 2;
        return value;
    }

    private long u4() {
        need(4);
        long value = ((long) (bytes[pos] & 0xFF) << 24) | ((bytes[pos + 1] & 0xFF) << 16) | ((bytes[pos + 2] & 0xFF) << 8)
                | (bytes[pos + 3] & 0xFF);
        pos += 4;
        return value;
    }
}
