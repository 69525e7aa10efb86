package singj.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.kernel.SealedProgram;

/**
 * Identity operations (synchronized, wait/notify, identityHashCode) judged by the type the verifier
 * infers for their object: refused at install where the object is shared, free of a run-time check
 * where it is the SIP's own, checked at run time where the type cannot tell.
 */
class IdentityOperationsTest {
    private static final String SIP_CALLS = "singj/abi/runtime/SipCalls";

    @TempDir
    Path dir;

    /** The shared objects reach each operation through variables of their precise types, merged from two paths. */
    private static final String SHARED = """
            import java.util.concurrent.TimeUnit;
            public class Shared {
                public static void lockString(String[] args) {
                    String name = args.length > 0 ? args[0] : "default";
                    synchronized (name) { System.out.println(name); }
                }
                public static void lockClass(String[] args) {
                    Class<?> type = args.length > 0 ? String.class : Thread.class;
                    synchronized (type) { System.out.println(type); }
                }
                public static void lockJdkClassLiteral() {
                    synchronized (String.class) { System.out.println(); }
                }
                public static void waitOnInteger(int n) throws InterruptedException {
                    Integer boxed = n;
                    boxed.wait(5);
                }
                public static void notifyAllOnBoolean(boolean flag) {
                    Boolean boxed = flag;
                    boxed.notifyAll();
                }
                public static void notifyLiteral() {
                    "literal".notify();
                }
                public static int hashJdkEnum(int n) {
                    TimeUnit unit = n > 0 ? TimeUnit.SECONDS : TimeUnit.DAYS;
                    return System.identityHashCode(unit);
                }
                public static void main(String[] args) {
                }
                private static void neverCalled() {
                    synchronized ("unreachable") { System.out.println(); }
                }
            }
            """;

    @Test
    void operationsOnSharedObjectsAreRejectedWithTheirPlace() {
        Map<String, byte[]> classes = compile("Shared", SHARED);
        List<Violation> violations = Installer.standard().verify(TestJars.jar(dir, "Shared", classes)).violations();
        ClassModel model = ClassFile.of().parse(classes.get("Shared"));
        assertRejected(violations, model, "lockString([Ljava/lang/String;)V", Opcode.MONITORENTER,
                "synchronized on a java.lang.String: strings may be interned");
        assertRejected(violations, model, "lockClass([Ljava/lang/String;)V", Opcode.MONITORENTER,
                "synchronized on a java.lang.Class: a Class object may be one of the JDK's");
        assertRejected(violations, model, "lockJdkClassLiteral()V", Opcode.MONITORENTER,
                "synchronized on java.lang.String.class: the JDK's Class objects are shared");
        assertRejected(violations, model, "waitOnInteger(I)V", Opcode.INVOKEVIRTUAL,
                "wait on a java.lang.Integer: boxed values may come from the JDK's cache");
        assertRejected(violations, model, "notifyAllOnBoolean(Z)V", Opcode.INVOKEVIRTUAL,
                "notifyAll on a java.lang.Boolean: boxed values");
        assertRejected(violations, model, "notifyLiteral()V", Opcode.INVOKEVIRTUAL, "notify on a java.lang.String");
        assertRejected(violations, model, "hashJdkEnum(I)I", Opcode.INVOKESTATIC,
                "System.identityHashCode of a java.util.concurrent.TimeUnit: the JDK's enum constants");
        assertTrue(violations.stream().allMatch(v -> v.message().contains("Use an object of its own instead")), violations::toString);
        assertEquals(7, violations.size(), "one violation per operation, none in the method that never runs: " + violations);
    }

    /** Own instances (this), own arrays and the program's own class literal: no run-time check is left. */
    private static final String PRIVATE = """
            public class Private {
                private int count;
                private final int[] counts = new int[1];
                synchronized void bumpMethod() { count++; }
                void bump() {
                    synchronized (this) { count++; notifyAll(); }
                    synchronized (counts) { counts[0]++; counts.notify(); }
                    synchronized (Private.class) { Private.class.notifyAll(); }
                    Private other = count > 100 ? new Private() : this;
                    synchronized (other) { other.count += System.identityHashCode(other) == 0 ? 1 : 0; }
                }
                public static void main(String[] args) {
                    Private p = new Private();
                    p.bump();
                    p.bumpMethod();
                    System.out.println(p.count + " " + p.counts[0]);
                }
            }
            """;

    @Test
    void operationsOnTheSipsOwnObjectsGetNoRunTimeCheck() {
        Map<String, byte[]> classes = compile("Private", PRIVATE);
        SealedProgram sealed = Installer.standard().seal(TestJars.jar(dir, "Private", classes), "private", 0);
        CodeModel bump = code(sealed.classes().get("Private"), "bump");
        assertEquals(4, count(bump, Opcode.MONITORENTER), "the four synchronized blocks are still there");
        assertEquals(List.of(), sipCalls(bump), "no run-time identity check is left");
        assertEquals(List.of("notifyAll", "notify", "notifyAll", "identityHashCode"), objectCalls(bump),
                "wait/notify/identityHashCode are called directly");
    }

    /** Object, an interface, a JDK class that is not final, a merge of a String and an own object: the run time decides. */
    private static final String GENERAL = """
            public class General {
                static void lockObject(Object lock) {
                    synchronized (lock) { lock.notify(); }
                }
                static int hashSequence(CharSequence text) { return System.identityHashCode(text); }
                static void lockNumber(Number number) { synchronized (number) { System.out.println(number); } }
                static void lockMerged(boolean own) {
                    Object lock = own ? new General() : "shared";
                    synchronized (lock) { System.out.println(lock); }
                }
                public static void main(String[] args) {
                    lockObject(new Object());
                    System.out.println(hashSequence(new StringBuilder()) != 0);
                    lockNumber(new java.util.concurrent.atomic.AtomicInteger());
                    lockMerged(true);
                }
            }
            """;

    @Test
    void operationsOnObjectsOfTooGeneralATypeKeepTheRunTimeCheck() {
        Map<String, byte[]> classes = compile("General", GENERAL);
        assertEquals(List.of(), Installer.standard().verify(TestJars.jar(dir, "General", classes)).violations());
        SealedProgram sealed = Installer.standard().seal(TestJars.jar(dir, "General", classes), "general", 0);
        byte[] general = sealed.classes().get("General");
        assertEquals(List.of("checkMonitor", "notify"), sipCalls(code(general, "lockObject")));
        assertEquals(List.of("identityHashCode"), sipCalls(code(general, "hashSequence")));
        assertEquals(List.of("checkMonitor"), sipCalls(code(general, "lockNumber")));
        assertEquals(List.of("checkMonitor"), sipCalls(code(general, "lockMerged")));
    }

    private static void assertRejected(List<Violation> violations, ClassModel model, String method, Opcode opcode,
                                       String message) {
        MethodModel declared = model.methods().stream()
                .filter(m -> (m.methodName().stringValue() + m.methodType().stringValue()).equals(method))
                .findFirst().orElseThrow();
        int offset = -1;
        int line = -1;
        int atLine = -1;
        int position = 0;
        for (CodeElement element : declared.code().orElseThrow()) {
            if (element instanceof LineNumber number) {
                line = number.line();
            } else if (element instanceof Instruction instruction) {
                boolean identity = instruction.opcode() == opcode && (opcode == Opcode.MONITORENTER
                        || instruction instanceof InvokeInstruction invoke && List.of("wait", "notify", "notifyAll",
                        "identityHashCode").contains(invoke.name().stringValue()));
                if (identity && offset < 0) {
                    offset = position;
                    atLine = line;
                }
                position += instruction.sizeInBytes();
            }
        }
        int expectedOffset = offset;
        int expectedLine = atLine;
        assertTrue(violations.stream().anyMatch(v -> v.rule().equals("shared-monitor") && v.className().equals("Shared")
                        && v.method().equals(method) && v.offset() == expectedOffset && v.line() == expectedLine
                        && v.message().startsWith(message)),
                () -> "no [shared-monitor] Shared." + method + " @ " + expectedOffset + " (line " + expectedLine + "): "
                        + message + "... in " + violations);
        assertFalse(expectedLine < 0, "the place has a line");
    }

    private static CodeModel code(byte[] classFile, String method) {
        return ClassFile.of().parse(classFile).methods().stream().filter(m -> m.methodName().equalsString(method))
                .findFirst().orElseThrow().code().orElseThrow();
    }

    private static long count(CodeModel code, Opcode opcode) {
        return code.elementStream().filter(e -> e instanceof Instruction i && i.opcode() == opcode).count();
    }

    /** The names of the SipCalls methods the code calls, in order. */
    private static List<String> sipCalls(CodeModel code) {
        return code.elementStream().filter(e -> e instanceof InvokeInstruction invoke
                        && invoke.owner().asInternalName().equals(SIP_CALLS))
                .map(e -> ((InvokeInstruction) e).name().stringValue())
                .filter(name -> List.of("checkMonitor", "wait", "notify", "notifyAll", "identityHashCode").contains(name))
                .toList();
    }

    /** The identity methods of Object and System the code calls directly, in order. */
    private static List<String> objectCalls(CodeModel code) {
        return code.elementStream().filter(e -> e instanceof InvokeInstruction invoke
                        && !invoke.owner().asInternalName().equals(SIP_CALLS)
                        && List.of("wait", "notify", "notifyAll", "identityHashCode").contains(invoke.name().stringValue()))
                .map(e -> ((InvokeInstruction) e).name().stringValue()).toList();
    }

    /** Compiles one source file; the class files by internal name. */
    private Map<String, byte[]> compile(String mainClass, String source) {
        try {
            Path sources = Files.createDirectories(dir.resolve(mainClass + "-src"));
            Path classes = Files.createDirectories(dir.resolve(mainClass + "-classes"));
            Path file = Files.writeString(sources.resolve(mainClass + ".java"), source);
            int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                    "-d", classes.toString(), "-proc:none", "-nowarn", file.toString());
            assertEquals(0, exit, mainClass + " compiles");
            Map<String, byte[]> result = new LinkedHashMap<>();
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String entry = classes.relativize(p).toString().replace('\\', '/');
                    result.put(entry.substring(0, entry.length() - ".class".length()), Files.readAllBytes(p));
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
