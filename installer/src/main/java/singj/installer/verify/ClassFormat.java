package singj.installer.verify;

import java.lang.classfile.ClassFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /**
     * The attributes the format check reads, by kind: the first ten of a class, field or method, of
     * which each may have at most one; then those of a Code attribute. Any other name is {@link #OTHER}.
     */
    private static final String[] ATTRIBUTES = {"SourceFile", "Signature", "ConstantValue", "InnerClasses",
            "EnclosingMethod", "NestHost", "NestMembers", "PermittedSubclasses", "Code", "Exceptions", "LineNumberTable",
            "LocalVariableTable", "LocalVariableTypeTable", "StackMapTable"};
    private static final int SOURCE_FILE = 0, SIGNATURE = 1, CONSTANT_VALUE = 2, INNER_CLASSES = 3, ENCLOSING_METHOD = 4,
            NEST_HOST = 5, NEST_MEMBERS = 6, PERMITTED_SUBCLASSES = 7, CODE = 8, EXCEPTIONS = 9, LINE_NUMBER_TABLE = 10,
            LOCAL_VARIABLE_TABLE = 11, LOCAL_VARIABLE_TYPE_TABLE = 12, STACK_MAP_TABLE = 13, OTHER = 14;
    /** How many of {@link #ATTRIBUTES} belong to a class, field or method (at most one each). */
    private static final int ONCE_ATTRIBUTES = 10;

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

    /** Each method as the format check read it, in method order. */
    private final List<Method> methods = new ArrayList<>();
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

    /**
     * A method as the format check read it, so that neither the class header check nor the verifier
     * reads the method table again: its access flags, the constant pool indices of its name and
     * descriptor (legal, checked), and where its code is (null for a method without code).
     */
    record Method(int access, int name, int descriptor, CodeLayout code) {}

    /** What is wrong with the format of a class file (empty when nothing is), and, when nothing is, its methods and pool. */
    record Result(List<String> problems, List<Method> methods, Pool pool) {}

    /** What is wrong with the format of {@code bytes}; empty when nothing is. */
    static List<String> problems(byte[] bytes) {
        return check(bytes).problems();
    }

    static Result check(byte[] bytes) {
        ClassFormat format = new ClassFormat(bytes);
        try {
            format.read();
            return new Result(List.of(), format.methods, format.pool);
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
            if (!utf8Is(first[thisClass], "java/lang/Object")) {
                throw new Malformed("the class has no superclass; only java.lang.Object may");
            }
        } else {
            expect(superClass, CLASS, "super_class");
            if (isArrayName(first[superClass])) {
                throw new Malformed("the superclass is an array type");
            }
        }
        if (isInterface && (superClass == 0 || !utf8Is(first[superClass], "java/lang/Object"))) {
            throw new Malformed("an interface's superclass must be java.lang.Object");
        }
        int interfaces = u2();
        Declared interfaceNames = interfaces > 1 ? new Declared(interfaces) : null;
        for (int i = 0; i < interfaces; i++) {
            int index = u2();
            expect(index, CLASS, "interface " + i);
            if (isArrayName(first[index])) {
                throw new Malformed("interface " + i + " is an array type");
            }
            if (interfaceNames != null && !interfaceNames.add(first[index], 0)) {
                throw new Malformed("interface " + utf8(first[index]).replace('/', '.') + " is named twice");
            }
        }
        members(false);
        members(true);
        attributes(Place.CLASS, -1, -1, -1);
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
        attributeKinds = new byte[count];
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
     * 0xF0, every multi-byte sequence complete, and none over-long: each character in the fewest
     * bytes, but the zero in two) and notes where it is; the {@link Pool} makes it a String only
     * when something reads it (most string constants nothing does). HotSpot accepts over-long
     * sequences below version 48; SingJ never does, since it checks names on their bytes
     * ({@link Names}) and an over-long {@code /} would be one to the String and none to the bytes.
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
            } else if ((c & 0xE0) == 0xC0 && i + 1 < start + length && (bytes[i + 1] & 0xC0) == 0x80
                    && (c >= 0xC2 || c == 0xC0 && bytes[i + 1] == (byte) 0x80)) { // from U+0080, or the zero
                i++;
            } else if ((c & 0xF0) == 0xE0 && i + 2 < start + length && (bytes[i + 1] & 0xC0) == 0x80
                    && (bytes[i + 2] & 0xC0) == 0x80 && (c != 0xE0 || (bytes[i + 1] & 0xFF) >= 0xA0)) { // from U+0800
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
                int name = first[second[i]];
                int descriptor = second[second[i]];
                if (tags[i] == FIELDREF) {
                    if (!isFieldName(name) || !isFieldDescriptor(descriptor)) {
                        throw new Malformed(entry(i) + ": illegal field " + utf8(name) + " " + utf8(descriptor));
                    }
                } else if (!isMethodName(name) || !isMethodDescriptor(descriptor) || utf8Is(name, "<clinit>")
                        || utf8Is(name, "<init>") && !returnsVoid(descriptor)) {
                    throw new Malformed(entry(i) + ": illegal method " + utf8(name) + utf8(descriptor));
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

    // Names and descriptors are shared by many entries and members: each Utf8 entry is checked on
    // its bytes once for each use it is put to, and the answer kept (the bits below, per entry).
    private static final byte CLASS_NAME = 1, FIELD_DESCRIPTOR = 2, METHOD_DESCRIPTOR = 4, FIELD_NAME = 8, METHOD_NAME = 16;
    private byte[] legal;

    private boolean isClassName(int index) {
        return legal(index, CLASS_NAME) || remember(index, CLASS_NAME, Names.isClassName(bytes, start(index), end(index)));
    }

    private boolean isFieldDescriptor(int index) {
        return legal(index, FIELD_DESCRIPTOR)
                || remember(index, FIELD_DESCRIPTOR, Names.isFieldDescriptor(bytes, start(index), end(index)));
    }

    private boolean isMethodDescriptor(int index) {
        return legal(index, METHOD_DESCRIPTOR)
                || remember(index, METHOD_DESCRIPTOR, Names.isMethodDescriptor(bytes, start(index), end(index)));
    }

    /** A field's or local variable's name. */
    private boolean isFieldName(int index) {
        return legal(index, FIELD_NAME)
                || remember(index, FIELD_NAME, Names.isUnqualifiedName(bytes, start(index), end(index), false));
    }

    private boolean isMethodName(int index) {
        return legal(index, METHOD_NAME)
                || remember(index, METHOD_NAME, Names.isUnqualifiedName(bytes, start(index), end(index), true));
    }

    // The Utf8 entry {@code index}'s bytes, where the pool reading noted them.
    private int start(int index) {
        return first[index];
    }

    private int end(int index) {
        return first[index] + second[index];
    }

    /** Whether the Utf8 entry {@code index} is the ASCII text {@code ascii}. */
    private boolean utf8Is(int index, String ascii) {
        return Names.is(bytes, start(index), end(index), ascii);
    }

    /** Whether the legal class name in Utf8 entry {@code index} names an array type. */
    private boolean isArrayName(int index) {
        return second[index] > 0 && bytes[start(index)] == '[';
    }

    /** Whether the method descriptor in Utf8 entry {@code index} returns void. */
    private boolean returnsVoid(int index) {
        return second[index] >= 2 && bytes[end(index) - 2] == ')' && bytes[end(index) - 1] == 'V';
    }

    /** Whether Utf8 entries {@code a} and {@code b} hold the same text (0 is the same as 0: no entry). */
    private boolean sameText(int a, int b) {
        return a == b || a != 0 && b != 0 && Arrays.equals(bytes, start(a), end(a), bytes, start(b), end(b));
    }

    private int textHash(int index) {
        int hash = 0;
        for (int i = start(index), end = index == 0 ? i : end(index); i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    /**
     * Names (or names with descriptors) declared so far, to find one declared twice: the JVM compares
     * texts, and two Utf8 entries may hold the same one, so they are compared by their bytes, through
     * a table of their hashes (no String made, nothing quadratic in a class with thousands).
     */
    private final class Declared {
        /** 1 + the position in {@link #names} of what hashed to each slot; 0 for an empty slot. */
        private final int[] slots;
        private final int[] names;
        private final int[] descriptors;
        private int size;

        Declared(int capacity) {
            slots = new int[Integer.highestOneBit(capacity) * 4];
            names = new int[capacity];
            descriptors = new int[capacity];
        }

        /** Adds a name and descriptor (0 for a name alone); false if the same texts were added before. */
        boolean add(int name, int descriptor) {
            int hash = textHash(name) * 31 + textHash(descriptor);
            int mask = slots.length - 1;
            for (int slot = (hash ^ hash >>> 16) & mask; ; slot = (slot + 1) & mask) {
                int at = slots[slot] - 1;
                if (at < 0) {
                    names[size] = name;
                    descriptors[size] = descriptor;
                    slots[slot] = ++size;
                    return true;
                }
                if (sameText(names[at], name) && sameText(descriptors[at], descriptor)) {
                    return false;
                }
            }
        }
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
    private record Place(Place outer, String kind, Pool pool, int name, int descriptor) {
        static final Place CLASS = new Place(null, "class", null, 0, 0);

        /** A field or method, with the Utf8 entries of its name and descriptor. */
        static Place member(String kind, Pool pool, int name, int descriptor) {
            return new Place(null, kind, pool, name, descriptor);
        }

        /** An attribute of this place, with the Utf8 entry of its name. */
        Place attribute(Pool pool, int attributeName) {
            return new Place(this, null, pool, attributeName, 0);
        }

        @Override
        public String toString() {
            if (outer != null) {
                return outer + ": attribute " + pool.text(name);
            }
            return pool == null ? kind : kind + " " + pool.text(name) + pool.text(descriptor);
        }
    }

    /** The kind of attribute whose name is Utf8 entry {@code index} (one of {@link #ATTRIBUTES}, or {@link #OTHER}), found once per entry. */
    private int attributeKind(int index) {
        int known = attributeKinds[index] - 1;
        if (known < 0) {
            known = OTHER;
            for (int kind = 0; kind < ATTRIBUTES.length; kind++) {
                if (utf8Is(index, ATTRIBUTES[kind])) {
                    known = kind;
                    break;
                }
            }
            attributeKinds[index] = (byte) (known + 1);
        }
        return known;
    }

    /** For each Utf8 entry named as an attribute: 1 + its kind; 0 until it is. */
    private byte[] attributeKinds;

    // ---- fields and methods

    private void members(boolean methods) {
        int count = u2();
        Declared declared = count > 1 ? new Declared(count) : null;
        String kind = methods ? "method" : "field";
        for (int m = 0; m < count; m++) {
            int access = u2();
            int name = u2();
            if (!isUtf8(name)) {
                expect(name, UTF8, kind + " " + m + "'s name");
            }
            int descriptor = u2();
            if (!isUtf8(descriptor)) {
                expect(descriptor, UTF8, kind + " " + utf8(name) + "'s descriptor");
            }
            Place where = Place.member(kind, pool, name, descriptor);
            if (methods ? !isMethodName(name) || !isMethodDescriptor(descriptor)
                    : !isFieldName(name) || !isFieldDescriptor(descriptor)) {
                throw new Malformed(where + ": illegal name or descriptor");
            }
            if (declared != null && !declared.add(name, descriptor)) {
                throw new Malformed(where + " is declared twice");
            }
            boolean classInitializer = methods && utf8Is(name, CLASS_INITIALIZER);
            if (methods) {
                checkMethod(where, classInitializer, name, descriptor, access);
            } else {
                checkFieldFlags(where, access);
            }
            boolean needsCode = methods && (classInitializer || (access & (ACC_ABSTRACT | ACC_NATIVE)) == 0);
            codeAt = -1;
            int codes = attributes(where, descriptor, methods ? (needsCode ? 1 : 0) : -1, access);
            if (methods && codes != (needsCode ? 1 : 0)) {
                throw new Malformed(where + (needsCode ? " has no Code attribute" : " is abstract or native but has code"));
            }
            if (methods) {
                this.methods.add(new Method(access, name, descriptor,
                        codeAt < 0 ? null : new CodeLayout(codeAt, stackMapAt, lineTablesAt)));
            }
        }
    }

    private static final String CLASS_INITIALIZER = "<clinit>";

    /**
     * The JVM ignores the flags of {@code <clinit>} but {@code ACC_STATIC} (JVMS 4.6; below version
     * 51 it takes them as static alone), so an abstract or native one still has, and runs, its code.
     */
    static boolean isClassInitializer(String methodName) {
        return methodName.equals(CLASS_INITIALIZER);
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

    private void checkMethod(Place where, boolean classInitializer, int name, int descriptor, int access) {
        boolean ok = Integer.bitCount(access & (ACC_PUBLIC | ACC_PRIVATE | ACC_PROTECTED)) <= 1;
        boolean isAbstract = (access & ACC_ABSTRACT) != 0;
        boolean strictMatters = major >= 46 && major < 61;
        if (classInitializer) {
            ok = utf8Is(descriptor, "()V") && (major < 51 || (access & ACC_STATIC) != 0);
        } else if (utf8Is(name, "<init>")) {
            ok &= !isInterface && returnsVoid(descriptor)
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
     * Reads the attributes of the class (owner descriptor -1), a field or a method (the Utf8 entry of
     * its descriptor), checking those the JVM checks; returns how many Code attributes there were.
     */
    private int attributes(Place where, int descriptor, int codeWanted, int access) {
        int count = u2();
        int codes = 0;
        int seenOnce = 0;
        for (int a = 0; a < count; a++) {
            int name = u2();
            expect(name, UTF8, where, ": an attribute's name");
            long length = u4();
            if (length > bytes.length - pos) {
                throw new Malformed(where + ": attribute " + utf8(name) + " says it is " + length
                        + " bytes long, more than remain");
            }
            int end = pos + (int) length;
            Place in = where.attribute(pool, name);
            int kind = attributeKind(name);
            switch (kind) {
                case SOURCE_FILE, SIGNATURE -> {
                    if (length != 2) {
                        throw new Malformed(in + " must be 2 bytes long, not " + length);
                    }
                    expect(u2(), UTF8, in, "");
                }
                case CONSTANT_VALUE -> {
                    if (codeWanted != -1 || descriptor < 0 || length != 2) {
                        throw new Malformed(in + " is misplaced or not 2 bytes long");
                    }
                    int index = u2();
                    int wanted = switch (bytes[start(descriptor)]) {
                        case 'J' -> LONG;
                        case 'F' -> FLOAT;
                        case 'D' -> DOUBLE;
                        case 'I', 'S', 'C', 'B', 'Z' -> INTEGER;
                        default -> STRING;
                    };
                    if ((access & ACC_STATIC) != 0) {
                        expect(index, wanted, in, "");
                        if (wanted == STRING && !utf8Is(descriptor, "Ljava/lang/String;")) {
                            throw new Malformed(in + ": a string constant for a field of type " + utf8(descriptor));
                        }
                    }
                }
                case EXCEPTIONS -> {
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        expect(u2(), CLASS, in, "");
                    }
                }
                case INNER_CLASSES -> {
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        expect(u2(), CLASS, in, " (inner class)");
                        optional(u2(), CLASS, in, " (outer class)");
                        optional(u2(), UTF8, in, " (inner name)");
                        u2();
                    }
                }
                case ENCLOSING_METHOD -> {
                    expect(u2(), CLASS, in, "");
                    optional(u2(), NAME_AND_TYPE, in, "");
                }
                case NEST_HOST -> expect(u2(), CLASS, in, "");
                case NEST_MEMBERS, PERMITTED_SUBCLASSES -> {
                    if (kind == PERMITTED_SUBCLASSES && where == Place.CLASS && major >= 61
                            && (classAccess & ACC_FINAL) != 0) { // sealed from version 61: the JVM ignores it before
                        throw new Malformed("a final class cannot have a PermittedSubclasses attribute");
                    }
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        expect(u2(), CLASS, in, "");
                    }
                }
                case CODE -> {
                    if (codeWanted < 0) {
                        throw new Malformed(in + " belongs to a method");
                    }
                    codes++;
                    code(in, end);
                }
                default -> { }
            }
            boolean known = kind < ONCE_ATTRIBUTES;
            int bit = known ? 1 << kind : 0;
            if ((seenOnce & bit) != 0) {
                throw new Malformed(where + " has more than one " + utf8(name) + " attribute");
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
            int name = u2();
            expect(name, UTF8, where, ": an attribute's name");
            long length = u4();
            if (length > end - pos) {
                throw new Malformed(where + ": attribute " + utf8(name) + " says it is " + length
                        + " bytes long, more than remain");
            }
            int attributeEnd = pos + (int) length;
            Place in = where.attribute(pool, name);
            int kind = attributeKind(name);
            switch (kind) {
                case LINE_NUMBER_TABLE -> {
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
                case LOCAL_VARIABLE_TABLE, LOCAL_VARIABLE_TYPE_TABLE -> {
                    boolean types = kind == LOCAL_VARIABLE_TYPE_TABLE;
                    int n = u2();
                    for (int i = 0; i < n; i++) {
                        int start = u2();
                        int length2 = u2();
                        int nameIndex = u2();
                        expect(nameIndex, UTF8, in, "");
                        int descriptorIndex = u2();
                        expect(descriptorIndex, UTF8, in, "");
                        int slot = u2();
                        if (start >= codeLength || start + length2 > codeLength) {
                            throw new Malformed(in + ": variable " + utf8(nameIndex) + " lives outside the code");
                        }
                        if (!isFieldName(nameIndex) || !types && !isFieldDescriptor(descriptorIndex)) {
                            throw new Malformed(in + ": illegal variable " + utf8(nameIndex) + " " + utf8(descriptorIndex));
                        }
                        int size = !types && (utf8Is(descriptorIndex, "J") || utf8Is(descriptorIndex, "D")) ? 2 : 1;
                        if (slot + size > maxLocals) {
                            throw new Malformed(in + ": variable " + utf8(nameIndex) + " is in local " + slot
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
                case STACK_MAP_TABLE -> {
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
            if (kind != LINE_NUMBER_TABLE && kind != LOCAL_VARIABLE_TABLE && kind != LOCAL_VARIABLE_TYPE_TABLE) {
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
