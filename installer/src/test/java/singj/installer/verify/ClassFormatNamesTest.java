package singj.installer.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.constant.ClassDesc;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ClassFormat} checks names and descriptors on the Utf8 entries' bytes, never making a
 * String of them. Held here to the rules as they read on decoded Strings (JVMS 4.2, 4.3; the
 * {@link OnStrings} oracle below, the checks as they were written before), over every Utf8 entry
 * of every class of {@code java.base} and variants of each made illegal, and to refuse bad names
 * with the messages it gave when it checked Strings. Modified UTF-8 needs care: on the bytes, a
 * {@code /} or {@code ;} is only ever its own byte, which holds because an over-long encoding
 * (a {@code .} as {@code C0 AE}) is refused, as HotSpot refuses it.
 */
class ClassFormatNamesTest {

    @Test
    void namesOnBytesAgreeWithNamesOnStringsOverJavaBase() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(jrt.getPath("modules", "java.base"))) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.toString().endsWith("module-info.class")).toList();
        }
        int classes = 0;
        Set<String> texts = new HashSet<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            ClassFormat.Result format = ClassFormat.check(bytes);
            assertTrue(format.problems().isEmpty(), file + ": " + format.problems());
            classes++;
            ClassModel model = ClassFile.of().parse(bytes);
            for (PoolEntry entry : model.constantPool()) {
                if (entry instanceof Utf8Entry utf8) {
                    texts.add(utf8.stringValue());
                }
            }
        }
        int legalNames = 0;
        for (String text : texts) {
            for (String variant : variants(text)) {
                agree(variant);
            }
            legalNames += OnStrings.isClassName(text) || OnStrings.isMethodDescriptor(text) ? 1 : 0;
        }
        assertTrue(classes > 5_000, "java.base has " + classes + " classes");
        assertTrue(legalNames > 20_000, "only " + legalNames + " names and descriptors among " + texts.size() + " texts");
    }

    /** The text as it is, and made illegal (or legal) in each way a name or descriptor can be. */
    private static List<String> variants(String text) {
        List<String> variants = new ArrayList<>(List.of(text, "", "[" + text, "L" + text + ";", "(" + text + ")V",
                "()" + text, text + "/", "/" + text, text.replace('/', '.'), text.replace("/", "//"), text + "\0",
                text + "\uD83D\uDE00", "<" + text + ">"));
        int middle = text.length() / 2;
        for (char c : new char[] {';', '[', '.', '/', '<', '>', '\0', '(', ')', 'L', 'V', '\u00e9', '\u0800'}) {
            variants.add(text.substring(0, middle) + c + text.substring(middle));
        }
        return variants;
    }

    private static void agree(String text) {
        byte[] encoded = modifiedUtf8(text);
        int end = encoded.length;
        assertEquals(OnStrings.isClassName(text), Names.isClassName(encoded, 2, end), () -> "class name " + show(text));
        assertEquals(OnStrings.isFieldDescriptor(text), Names.isFieldDescriptor(encoded, 2, end),
                () -> "field descriptor " + show(text));
        assertEquals(OnStrings.isMethodDescriptor(text), Names.isMethodDescriptor(encoded, 2, end),
                () -> "method descriptor " + show(text));
        for (boolean method : new boolean[] {false, true}) {
            assertEquals(OnStrings.isUnqualifiedName(text, method), Names.isUnqualifiedName(encoded, 2, end, method),
                    () -> (method ? "method" : "field") + " name " + show(text));
        }
    }

    /** {@code text} as a class file's Utf8 entry holds it, after its two length bytes: modified UTF-8. */
    private static byte[] modifiedUtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new DataOutputStream(out).writeUTF(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static String show(String text) {
        return "\"" + text.replace("\0", "\\0") + "\"";
    }

    // ---- bad names, refused with the messages ClassFormat gave when it checked Strings

    @Test
    void aClassNameWithASemicolonIsRefused() {
        byte[] bytes = build(cb -> cb.constantPool().classEntry(cb.constantPool().utf8Entry("p/A;B")));
        assertProblem("constant pool entry #" + index(bytes, "p/A;B", 7) + ": illegal class name \"p/A;B\"", bytes);
    }

    @Test
    void aClassNameWithADotOrAnEmptySegmentIsRefused() {
        for (String name : List.of("p.A", "p//A", "/A", "p/", "")) {
            byte[] bytes = build(cb -> cb.constantPool().classEntry(cb.constantPool().utf8Entry(name)));
            assertProblem("constant pool entry #" + index(bytes, name, 7) + ": illegal class name \"" + name + "\"", bytes);
        }
    }

    @Test
    void anArrayClassNameMustBeAFieldDescriptor() {
        for (String name : List.of("[", "[Lp/A", "[Lp.A;", "[X", "[[I;")) {
            byte[] bytes = build(cb -> cb.constantPool().classEntry(cb.constantPool().utf8Entry(name)));
            assertProblem("constant pool entry #" + index(bytes, name, 7) + ": illegal class name \"" + name + "\"", bytes);
        }
        assertTrue(ClassFormat.problems(build(cb -> cb.constantPool().classEntry(cb.constantPool().utf8Entry("[[Lp/A;"))))
                .isEmpty());
    }

    @Test
    void fieldAndMethodReferencesWithIllegalNamesAreRefused() {
        record Case(boolean field, String name, String descriptor, String message) {}
        for (Case c : List.of(new Case(true, "a.b", "I", "illegal field a.b I"),
                new Case(true, "a[b", "I", "illegal field a[b I"),
                new Case(true, "", "I", "illegal field  I"),
                new Case(true, "a", "Lp/A", "illegal field a Lp/A"),
                new Case(false, "a;b", "()V", "illegal method a;b()V"),
                new Case(false, "a<b", "()V", "illegal method a<b()V"),
                new Case(false, "<clinit>", "()V", "illegal method <clinit>()V"),
                new Case(false, "<init>", "()I", "illegal method <init>()I"),
                new Case(false, "run", "(V)V", "illegal method run(V)V"),
                new Case(false, "run", "()", "illegal method run()"))) {
            byte[] bytes = build(cb -> {
                var pool = cb.constantPool();
                var owner = pool.classEntry(ClassDesc.of("p.Owner"));
                var nameAndType = pool.nameAndTypeEntry(pool.utf8Entry(c.name()), pool.utf8Entry(c.descriptor()));
                if (c.field()) {
                    pool.fieldRefEntry(owner, nameAndType);
                } else {
                    pool.methodRefEntry(owner, nameAndType);
                }
            });
            int reference = index(bytes, c.field() ? 9 : 10);
            assertProblem("constant pool entry #" + reference + ": " + c.message(), bytes);
        }
    }

    @Test
    void declaredMembersWithIllegalNamesAreRefused() {
        byte[] field = build(cb -> cb.withField(cb.constantPool().utf8Entry("a/b"), cb.constantPool().utf8Entry("I"), 0));
        assertProblem("field a/bI: illegal name or descriptor", field);
        byte[] method = build(cb -> cb.withMethod(cb.constantPool().utf8Entry("a>"), cb.constantPool().utf8Entry("()V"),
                ClassFile.ACC_ABSTRACT | ClassFile.ACC_PUBLIC, m -> { }));
        assertProblem("method a>()V: illegal name or descriptor", method);
        byte[] twice = build(cb -> {
            cb.withField("x", ClassDesc.of("java.lang.String"), 0);
            cb.withField("y", ClassDesc.of("java.lang.String"), 0);
            cb.withField("x", ClassDesc.of("java.lang.String"), 0);
        });
        assertProblem("field xLjava/lang/String; is declared twice", twice);
        byte[] sameTypeTwice = build(cb -> {
            cb.withField("x", ClassDesc.of("java.lang.String"), 0);
            cb.withField("x", ClassDesc.of("java.lang.Object"), 0);
        });
        assertTrue(ClassFormat.problems(sameTypeTwice).isEmpty(), "two fields x of different types are legal");
    }

    /**
     * Two Utf8 entries with the same text are two names the JVM takes as one: a member declared
     * twice through them is refused all the same (ClassFormat compares their bytes, not their indices).
     */
    @Test
    void aMemberDeclaredTwiceThroughTwoEqualUtf8EntriesIsRefused() {
        byte[] bytes = build(cb -> {
            cb.withField("x", ClassDesc.of("java.lang.String"), 0);
            cb.withField("y", ClassDesc.of("java.lang.String"), 0);
        });
        // the two names are "x" and "y": the second becomes "x", in an entry of its own
        int y = index(bytes, "y", 1);
        byte[] patched = bytes.clone();
        int at = utf8Offset(patched, y);
        patched[at] = 'x';
        assertProblem("field xLjava/lang/String; is declared twice", patched);
        assertJvmRejects(patched);
    }

    /** A name or string with a zero as {@code C0 80} and a character outside the BMP as a surrogate pair is legal. */
    @Test
    void zeroAsTwoBytesAndSurrogatePairsAreLegalInNames() {
        for (String name : List.of("a\0b", "\0", "a\uD83D\uDE00b", "\uDE00", "caf\u00e9", "\u0800")) {
            byte[] bytes = build(cb -> {
                cb.withField(name, ClassDesc.of("java.lang.String"), ClassFile.ACC_STATIC);
                cb.constantPool().classEntry(cb.constantPool().utf8Entry("p/" + name));
                cb.constantPool().stringEntry(name);
            });
            assertEquals(List.of(), ClassFormat.problems(bytes), show(name));
            assertJvmAccepts(bytes);
        }
    }

    @Test
    void aRawZeroByteIsNotModifiedUtf8() {
        byte[] bytes = build(cb -> cb.withField("aXb", ClassDesc.of("java.lang.String"), 0));
        int entry = index(bytes, "aXb", 1);
        byte[] patched = bytes.clone();
        patched[utf8Offset(patched, entry) + 1] = 0;
        assertProblem("constant pool entry #" + entry + " is not legal modified UTF-8", patched);
        assertJvmRejects(patched);
    }

    @Test
    void fourByteUtf8AndStrayContinuationBytesAreNotModifiedUtf8() {
        for (byte[] sequence : List.of(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
                new byte[] {(byte) 0x80, 'a', 'a', 'a'}, new byte[] {'a', 'a', 'a', (byte) 0xC3},
                new byte[] {'a', 'a', (byte) 0xE0, (byte) 0xA0})) {
            byte[] bytes = build(cb -> cb.constantPool().stringEntry("WXYZ"));
            int entry = index(bytes, "WXYZ", 1);
            byte[] patched = bytes.clone();
            System.arraycopy(sequence, 0, patched, utf8Offset(patched, entry), 4);
            assertProblem("constant pool entry #" + entry + " is not legal modified UTF-8", patched);
            assertJvmRejects(patched);
        }
    }

    /**
     * An over-long encoding ({@code C0 AE} for {@code .}, {@code C1 81} for {@code A}, {@code E0 80 AF}
     * for {@code /}) is not modified UTF-8 (JVMS 4.4.7: a character has one encoding; only the zero
     * takes two bytes), and HotSpot refuses it from class version 48. Read as a String it would hide
     * a {@code .} or {@code /} from a check of the bytes, and name another class than the JVM's.
     */
    @Test
    void overLongEncodingsAreNotModifiedUtf8() {
        for (byte[] sequence : List.of(new byte[] {'a', (byte) 0xC0, (byte) 0xAE, 'b'},
                new byte[] {'a', (byte) 0xC1, (byte) 0x81, 'b'}, new byte[] {'a', (byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xE0, (byte) 0x81, (byte) 0x81, 'b'})) {
            byte[] bytes = build(cb -> cb.withField("aXYb", ClassDesc.of("java.lang.String"), 0));
            int entry = index(bytes, "aXYb", 1);
            byte[] patched = bytes.clone();
            System.arraycopy(sequence, 0, patched, utf8Offset(patched, entry), 4);
            assertProblem("constant pool entry #" + entry + " is not legal modified UTF-8", patched);
            assertJvmRejects(patched);
        }
    }

    // ---- helpers

    private static byte[] build(Consumer<ClassBuilder> body) {
        return ClassFile.of().build(ClassDesc.of("p.Names"), cb -> {
            cb.withVersion(52, 0);
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER | ClassFile.ACC_ABSTRACT);
            body.accept(cb);
        });
    }

    private static void assertProblem(String expected, byte[] bytes) {
        assertEquals(List.of(expected), ClassFormat.problems(bytes));
    }

    /** The index of the first pool entry with tag {@code tag} whose text (or whose Utf8's text) is {@code text}. */
    private static int index(byte[] bytes, String text, int tag) {
        for (PoolEntry entry : ClassFile.of().parse(bytes).constantPool()) {
            if (entry.tag() == tag && (entry instanceof Utf8Entry u ? u.equalsString(text)
                    : entry instanceof java.lang.classfile.constantpool.ClassEntry c && c.name().equalsString(text))) {
                return entry.index();
            }
        }
        throw new AssertionError("no entry " + text);
    }

    /** The index of the last pool entry with tag {@code tag}. */
    private static int index(byte[] bytes, int tag) {
        int found = -1;
        for (PoolEntry entry : ClassFile.of().parse(bytes).constantPool()) {
            if (entry.tag() == tag) {
                found = entry.index();
            }
        }
        return found;
    }

    /** Where the text of Utf8 entry {@code index} starts in {@code bytes}, read as ClassFormat reads the pool. */
    private static int utf8Offset(byte[] bytes, int index) {
        int pos = 10;
        for (int i = 1; i < index; i++) {
            int tag = bytes[pos] & 0xFF;
            pos += switch (tag) {
                case 1 -> 3 + (((bytes[pos + 1] & 0xFF) << 8) | (bytes[pos + 2] & 0xFF));
                case 3, 4, 9, 10, 11, 12, 17, 18 -> 5;
                case 5, 6 -> 9;
                case 7, 8, 16 -> 3;
                case 15 -> 4;
                default -> throw new AssertionError("tag " + tag);
            };
            if (tag == 5 || tag == 6) {
                i++;
            }
        }
        return pos + 3;
    }

    private static void assertJvmRejects(byte[] bytes) {
        Optional<Throwable> rejection = jvmRejection(bytes);
        assertTrue(rejection.isPresent() && rejection.get() instanceof ClassFormatError, "the JVM: " + rejection);
    }

    private static void assertJvmAccepts(byte[] bytes) {
        assertEquals(Optional.empty(), jvmRejection(bytes));
    }

    private static Optional<Throwable> jvmRejection(byte[] bytes) {
        ClassLoader loader = new ClassLoader("names", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals("p.Names")) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        try {
            Class.forName("p.Names", false, loader).getDeclaredMethods();
            return Optional.empty();
        } catch (LinkageError | ClassNotFoundException e) {
            return Optional.of(e);
        }
    }

    /** The name and descriptor rules on decoded Strings, as ClassFormat applied them before it read bytes: the oracle. */
    static final class OnStrings {
        static boolean isUnqualifiedName(String name, boolean method) {
            if (method && (name.equals("<init>") || name.equals("<clinit>"))) {
                return true;
            }
            return isUnqualified(name, 0, name.length(), method);
        }

        private static boolean isUnqualified(String name, int start, int end, boolean method) {
            if (start >= end) {
                return false;
            }
            for (int i = start; i < end; i++) {
                char c = name.charAt(i);
                if (c == '.' || c == ';' || c == '[' || c == '/' || method && (c == '<' || c == '>')) {
                    return false;
                }
            }
            return true;
        }

        static boolean isClassName(String name) {
            if (name.startsWith("[")) {
                return isFieldDescriptor(name);
            }
            return isBinaryName(name, 0, name.length());
        }

        private static boolean isBinaryName(String name, int start, int end) {
            int segment = start;
            for (int i = start; i <= end; i++) {
                if (i == end || name.charAt(i) == '/') {
                    if (!isUnqualified(name, segment, i, false)) {
                        return false;
                    }
                    segment = i + 1;
                }
            }
            return true;
        }

        static boolean isFieldDescriptor(String descriptor) {
            return fieldEnd(descriptor, 0) == descriptor.length();
        }

        static boolean isMethodDescriptor(String descriptor) {
            if (descriptor.isEmpty() || descriptor.charAt(0) != '(') {
                return false;
            }
            int i = 1;
            int slots = 0;
            while (i < descriptor.length() && descriptor.charAt(i) != ')') {
                char c = descriptor.charAt(i);
                int end = fieldEnd(descriptor, i);
                if (end < 0) {
                    return false;
                }
                slots += c == 'J' || c == 'D' ? 2 : 1;
                i = end;
            }
            if (i >= descriptor.length() || slots > 255) {
                return false;
            }
            i++;
            return descriptor.length() == i + 1 && descriptor.charAt(i) == 'V'
                    || fieldEnd(descriptor, i) == descriptor.length();
        }

        private static int fieldEnd(String descriptor, int start) {
            int i = start;
            while (i < descriptor.length() && descriptor.charAt(i) == '[') {
                i++;
            }
            if (i - start > 255 || i >= descriptor.length()) {
                return -1;
            }
            char c = descriptor.charAt(i);
            if (c == 'L') {
                int semicolon = descriptor.indexOf(';', i);
                return semicolon > 0 && isBinaryName(descriptor, i + 1, semicolon) ? semicolon + 1 : -1;
            }
            return "ZBCSIFJD".indexOf(c) >= 0 ? i + 1 : -1;
        }
    }
}
