package singj.installer;

import static java.lang.constant.ConstantDescs.CD_Class;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Label;
import java.lang.classfile.attribute.PermittedSubclassesAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class header: what the JVM checks of a class's superclass and interfaces when it loads the
 * class, found missing by the differential fuzzer. For each, a class file that HotSpot 25 refuses to
 * load (in a fresh loader, {@link JvmVerdict}) and SingJ refuses with rule {@code class-header} (or
 * {@code malformed-class} for the pure format ones), and a twin both accept.
 *
 * <p>First the hostile ones: a class that is its own supertype made SingJ's verifier walk up the
 * hierarchy forever, so a program could hang {@code singj install}.
 */
class ClassHeaderTest {
    private static final ClassFile BUILD = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
    private static final Set<String> VERIFIER_RULES = Set.of("type-safety", "code-structure", "constant-pool",
            "final-field", "subroutine", "malformed-class", "class-header");
    private static final int CLASS = ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER;
    private static final int INTERFACE = ClassFile.ACC_PUBLIC | ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT;
    private static final MethodTypeDesc VOID = MethodTypeDesc.of(CD_void);
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Consumer<ClassBuilder> EMPTY = cb -> { };
    private static final String CIRCULAR = "; the JVM refuses to load such a class (ClassCircularityError)";

    @TempDir
    Path dir;

    // ---- cycles: refused, and in time, with the rest of the program still verified

    @Test
    void aCycleThroughTheSuperclassIsRefusedAndNoWalkHangs() {
        Map<String, byte[]> classes = new HashMap<>();
        classes.put("p/A", build("p/A", 52, CLASS, "p/B", List.of(), EMPTY));
        classes.put("p/B", build("p/B", 52, CLASS, "p/A", List.of(), EMPTY));
        classes.put("p/Self", build("p/Self", 52, CLASS, "p/Self", List.of(), EMPTY));
        classes.put("p/Below", build("p/Below", 52, CLASS, "p/A", List.of(), EMPTY));
        classes.put("p/Main", joiner("p/A", "p/B", "p/Self"));
        List<Violation> violations = assertTimeoutPreemptively(SHORT, () -> singj(classes, "p/Main"));
        Map<String, String> refused = byClass(violations, "class-header");
        assertEquals(Set.of("p.A", "p.B", "p.Self", "p.Below"), refused.keySet(), violations.toString());
        assertEquals("p.A is its own supertype: p.A -> p.B -> p.A" + CIRCULAR, refused.get("p.A"));
        assertEquals("p.B is its own supertype: p.B -> p.A -> p.B" + CIRCULAR, refused.get("p.B"));
        assertEquals("p.Self is its own supertype: p.Self -> p.Self" + CIRCULAR, refused.get("p.Self"));
        // where the cycle starts depends on which class the search met first
        assertTrue(Set.of("its supertype p.A is its own supertype: p.A -> p.B -> p.A" + CIRCULAR,
                "its supertype p.B is its own supertype: p.B -> p.A -> p.B" + CIRCULAR).contains(refused.get("p.Below")),
                refused.get("p.Below"));
        for (String name : List.of("p/A", "p/Self", "p/Below")) {
            assertJvmRejects(classes, name, ClassCircularityError.class);
        }
    }

    @Test
    void aCycleThroughInterfacesIsRefusedAndNoWalkHangs() {
        Map<String, byte[]> classes = new HashMap<>();
        classes.put("p/I", build("p/I", 52, INTERFACE, "java/lang/Object", List.of("p/J"), EMPTY));
        classes.put("p/J", build("p/J", 52, INTERFACE, "java/lang/Object", List.of("p/I"), EMPTY));
        classes.put("p/Impl", build("p/Impl", 52, CLASS, "java/lang/Object", List.of("p/I"), EMPTY));
        classes.put("p/Main", joiner("p/I", "p/J", "p/Impl"));
        List<Violation> violations = assertTimeoutPreemptively(SHORT, () -> singj(classes, "p/Main"));
        Map<String, String> refused = byClass(violations, "class-header");
        assertEquals(Set.of("p.I", "p.J", "p.Impl"), refused.keySet(), violations.toString());
        assertEquals("p.I is its own supertype: p.I -> p.J -> p.I" + CIRCULAR, refused.get("p.I"));
        assertEquals("p.J is its own supertype: p.J -> p.I -> p.J" + CIRCULAR, refused.get("p.J"));
        assertTrue(refused.get("p.Impl").startsWith("its supertype p."), refused.get("p.Impl"));
        assertJvmRejects(classes, "p/Impl", ClassCircularityError.class);
        assertJvmRejects(classes, "p/I", ClassCircularityError.class);
    }

    @Test
    void aLongChainOfSuperclassesIsNoCycle() {
        // the cycle search must not recurse once per class: a program may be one long chain
        Map<String, byte[]> classes = new HashMap<>();
        int length = 3_000;
        for (int i = 0; i < length; i++) {
            classes.put("p/C" + i, build("p/C" + i, 52, CLASS, i == 0 ? "java/lang/Object" : "p/C" + (i - 1), List.of(), EMPTY));
        }
        List<Violation> violations = assertTimeoutPreemptively(SHORT, () -> singj(classes, "p/C" + (length - 1)));
        assertEquals(List.of(), violations);
    }

    // ---- the superclass: a class, not final

    @Test
    void anInterfaceOrAFinalClassAsTheSuperclassIsRefused() {
        Map<String, byte[]> classes = Map.of(
                "p/OnInterface", build("p/OnInterface", 52, CLASS, "java/lang/Runnable", List.of(), EMPTY),
                "p/OnString", build("p/OnString", 52, CLASS, "java/lang/String", List.of(), EMPTY),
                "p/Sealed", build("p/Sealed", 52, CLASS | ClassFile.ACC_FINAL, "java/lang/Object", List.of(), EMPTY),
                "p/OnFinal", build("p/OnFinal", 52, CLASS, "p/Sealed", List.of(), EMPTY));
        assertEquals(Map.of(
                "p.OnInterface", "its superclass java.lang.Runnable is an interface; the JVM refuses to load such a class "
                        + "(IncompatibleClassChangeError)",
                "p.OnString", "its superclass java.lang.String is final; the JVM refuses to load such a class "
                        + "(IncompatibleClassChangeError)",
                "p.OnFinal", "its superclass p.Sealed is final; the JVM refuses to load such a class "
                        + "(IncompatibleClassChangeError)"), byClass(singj(classes, "p/OnFinal"), "class-header"));
        for (String name : List.of("p/OnInterface", "p/OnString", "p/OnFinal")) {
            assertJvmRejects(classes, name, IncompatibleClassChangeError.class);
        }
    }

    @Test
    void aClassAsASuperinterfaceIsRefused() {
        Map<String, byte[]> classes = Map.of(
                "p/ImplementsNumber", build("p/ImplementsNumber", 52, CLASS, "java/lang/Object", List.of("java/lang/Number"), EMPTY),
                "p/ExtendsObject", build("p/ExtendsObject", 52, INTERFACE, "java/lang/Object", List.of("java/lang/Object"), EMPTY));
        assertEquals(Map.of(
                "p.ImplementsNumber", "it implements java.lang.Number, which is a class, not an interface; the JVM refuses "
                        + "to load such a class (IncompatibleClassChangeError)",
                "p.ExtendsObject", "it extends java.lang.Object, which is a class, not an interface; the JVM refuses "
                        + "to load such a class (IncompatibleClassChangeError)"),
                byClass(singj(classes, "p/ImplementsNumber"), "class-header"));
        assertJvmRejects(classes, "p/ImplementsNumber", IncompatibleClassChangeError.class);
        assertJvmRejects(classes, "p/ExtendsObject", IncompatibleClassChangeError.class);
    }

    @Test
    void anInterfaceNamedTwiceOrAnArrayAsAnInterfaceIsMalformed() {
        Map<String, byte[]> classes = Map.of(
                "p/Twice", build("p/Twice", 52, CLASS, "java/lang/Object", List.of("java/lang/Runnable", "java/lang/Runnable"),
                        EMPTY),
                "p/ArrayInterface", build("p/ArrayInterface", 52, CLASS, "java/lang/Object", List.of("[Ljava/lang/Runnable;"),
                        EMPTY));
        assertEquals(Map.of("p.Twice", "interface java.lang.Runnable is named twice",
                "p.ArrayInterface", "interface 0 is an array type"), byClass(singj(classes, "p/Twice"), "malformed-class"));
        assertJvmRejects(classes, "p/Twice", ClassFormatError.class);
        assertJvmRejects(classes, "p/ArrayInterface", ClassFormatError.class);
    }

    @Test
    void legalSupertypesAreAccepted() {
        assertAcceptedByBoth(Map.of(
                "p/Base", build("p/Base", 52, ClassFile.ACC_SUPER, "java/lang/Object", List.of(), EMPTY), // package-private
                "p/Twins", build("p/Twins", 52, CLASS, "p/Base", List.of("java/lang/Runnable", "java/lang/Comparable"),
                        EMPTY)), "p/Twins");
    }

    // ---- access: public, or in the same run-time package; and exported

    @Test
    void aSupertypeTheClassMayNotAccessIsRefused() {
        Map<String, byte[]> classes = Map.of(
                "q/Hidden", build("q/Hidden", 52, ClassFile.ACC_SUPER, "java/lang/Object", List.of(), EMPTY),
                "q/HiddenI", build("q/HiddenI", 52, ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT, "java/lang/Object",
                        List.of(), EMPTY),
                "p/OtherPackage", build("p/OtherPackage", 52, CLASS, "q/Hidden", List.of("q/HiddenI"), EMPTY),
                "p/JdkPrivate", build("p/JdkPrivate", 52, CLASS, "java/util/ImmutableCollections$AbstractImmutableList",
                        List.of(), EMPTY),
                "p/NotExported", build("p/NotExported", 52, CLASS, "java/lang/Object", List.of("sun/nio/ch/SelChImpl"), EMPTY));
        List<Violation> violations = singj(classes, "p/OtherPackage");
        assertEquals(List.of(
                "p.OtherPackage: its superclass q.Hidden is not public and not in the package of p.OtherPackage",
                "p.OtherPackage: its superinterface q.HiddenI is not public and not in the package of p.OtherPackage",
                "p.JdkPrivate: its superclass java.util.ImmutableCollections$AbstractImmutableList is not public and not in "
                        + "the package of p.JdkPrivate",
                "p.NotExported: its superinterface sun.nio.ch.SelChImpl is in a package its module does not export"),
                violations.stream().filter(v -> v.rule().equals("class-header")).sorted(java.util.Comparator.comparing(
                        (Violation v) -> List.of("p.OtherPackage", "p.JdkPrivate", "p.NotExported").indexOf(v.className())))
                        .map(v -> v.className() + ": " + v.message().replace("; the JVM refuses to load such a class "
                                + "(IllegalAccessError)", "")).toList());
        for (String name : List.of("p/OtherPackage", "p/JdkPrivate", "p/NotExported")) {
            assertJvmRejects(classes, name, IllegalAccessError.class);
        }
    }

    // ---- sealed supertypes (class file version 61 and later)

    @Test
    void aSealedSupertypeThatDoesNotPermitTheClassIsRefused() {
        Map<String, byte[]> classes = Map.of(
                "p/Shape", build("p/Shape", 61, CLASS, "java/lang/Object", List.of(), permits("p/Square", "q/Round")),
                "p/Figure", build("p/Figure", 61, INTERFACE, "java/lang/Object", List.of(), permits("p/Square")),
                "p/Intruder", build("p/Intruder", 61, CLASS, "p/Shape", List.of("p/Figure"), EMPTY),
                "q/Round", build("q/Round", 61, ClassFile.ACC_SUPER, "p/Shape", List.of(), EMPTY), // permitted, not public
                "p/JdkSealed", build("p/JdkSealed", 61, CLASS, "java/lang/Object",
                        List.of("java/lang/classfile/ClassElement"), EMPTY));
        String refused = "; the JVM refuses to load such a class (IncompatibleClassChangeError)";
        assertEquals(List.of(
                "p.Intruder: its superclass p.Shape is sealed, and its PermittedSubclasses does not list p.Intruder" + refused,
                "p.Intruder: its superinterface p.Figure is sealed, and its PermittedSubclasses does not list p.Intruder" + refused,
                "p.JdkSealed: its superinterface java.lang.classfile.ClassElement is sealed, and only classes of its own module "
                        + "may extend it" + refused,
                "q.Round: its superclass p.Shape is sealed, and a subclass it permits in another package must be public" + refused),
                singj(classes, "p/Intruder").stream().filter(v -> v.rule().equals("class-header"))
                        .map(v -> v.className() + ": " + v.message()).sorted().toList());
        for (String name : List.of("p/Intruder", "q/Round", "p/JdkSealed")) {
            assertJvmRejects(classes, name, IncompatibleClassChangeError.class);
        }
    }

    @Test
    void aPermittedSubclassAndAVersion60SealedSuperclassAreAccepted() {
        Map<String, byte[]> classes = Map.of(
                "p/Shape", build("p/Shape", 61, CLASS, "java/lang/Object", List.of(), permits("p/Square", "q/Round")),
                "p/Square", build("p/Square", 61, CLASS, "p/Shape", List.of(), EMPTY),
                "q/Round", build("q/Round", 61, CLASS, "p/Shape", List.of(), EMPTY), // another package, public
                // before version 61 the JVM ignores PermittedSubclasses
                "p/Old", build("p/Old", 60, CLASS, "java/lang/Object", List.of(), permits("p/Square")),
                "p/Newcomer", build("p/Newcomer", 61, CLASS, "p/Old", List.of(), EMPTY));
        for (String name : List.of("p/Square", "q/Round", "p/Newcomer")) {
            assertAcceptedByBoth(classes, name);
        }
    }

    @Test
    void aFinalClassWithPermittedSubclassesIsMalformedFromVersion61() {
        Map<String, byte[]> classes = Map.of("p/FinalSealed", build("p/FinalSealed", 61, CLASS | ClassFile.ACC_FINAL,
                "java/lang/Object", List.of(), permits("p/Other")));
        assertEquals(Map.of("p.FinalSealed", "a final class cannot have a PermittedSubclasses attribute"),
                byClass(singj(classes, "p/FinalSealed"), "malformed-class"));
        assertJvmRejects(classes, "p/FinalSealed", ClassFormatError.class);
        assertAcceptedByBoth(Map.of("p/FinalSealed", build("p/FinalSealed", 60, CLASS | ClassFile.ACC_FINAL,
                "java/lang/Object", List.of(), permits("p/Other"))), "p/FinalSealed");
    }

    // ---- final methods

    @Test
    void overridingAFinalMethodIsRefused() {
        Map<String, byte[]> classes = Map.of(
                "q/Base", build("q/Base", 52, CLASS, "java/lang/Object", List.of(), cb -> {
                    cb.withMethodBody("run", VOID, ClassFile.ACC_PROTECTED | ClassFile.ACC_FINAL, code -> code.return_());
                }),
                "p/Middle", build("p/Middle", 52, CLASS, "q/Base", List.of(), EMPTY),
                "p/Overrider", build("p/Overrider", 52, CLASS, "p/Middle", List.of(), cb -> {
                    cb.withMethodBody("run", VOID, ClassFile.ACC_PUBLIC, code -> code.return_());
                    cb.withMethodBody("getClass", MethodTypeDesc.of(CD_Class), ClassFile.ACC_PUBLIC,
                            code -> code.aconst_null().areturn());
                }),
                // an interface's superclass is Object: its notify() is final
                "p/Notifier", build("p/Notifier", 52, INTERFACE, "java/lang/Object", List.of(), cb -> cb.withMethod("notify",
                        VOID, ClassFile.ACC_PUBLIC | ClassFile.ACC_ABSTRACT, m -> { })));
        List<Violation> violations = singj(classes, "p/Overrider").stream().filter(v -> v.rule().equals("class-header")).toList();
        assertEquals(List.of(
                "p.Overrider run()V: overrides final method q.Base.run()V",
                "p.Overrider getClass()Ljava/lang/Class;: overrides final method java.lang.Object.getClass()Ljava/lang/Class;",
                "p.Notifier notify()V: overrides final method java.lang.Object.notify()V"),
                violations.stream().map(v -> v.className() + " " + v.method() + ": " + v.message().replace(
                        "; the JVM refuses to load such a class (IncompatibleClassChangeError)", "")).sorted(
                        java.util.Comparator.comparing((String s) -> !s.startsWith("p.Overrider"))).toList());
        assertJvmRejects(classes, "p/Overrider", IncompatibleClassChangeError.class);
        assertJvmRejects(classes, "p/Notifier", IncompatibleClassChangeError.class);
    }

    @Test
    void aFinalMethodItCannotSeeOrAStaticOrPrivateOneIsNoOverride() {
        Map<String, byte[]> classes = Map.of(
                "q/Base", build("q/Base", 52, CLASS, "java/lang/Object", List.of(), cb -> {
                    cb.withMethodBody("packaged", VOID, ClassFile.ACC_FINAL, code -> code.return_()); // package-private
                    cb.withMethodBody("hidden", VOID, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> code.return_());
                    cb.withMethodBody("own", VOID, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> code.return_());
                }),
                "p/Fine", build("p/Fine", 52, CLASS, "q/Base", List.of(), cb -> {
                    cb.withMethodBody("packaged", VOID, ClassFile.ACC_PUBLIC, code -> code.return_());
                    cb.withMethodBody("hidden", VOID, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.return_());
                    cb.withMethodBody("own", VOID, ClassFile.ACC_PRIVATE, code -> code.return_());
                }));
        assertAcceptedByBoth(classes, "p/Fine");
    }

    // ---- helpers

    /** {@code p/Main}: a method that joins values of each pair of {@code types}, so the verifier walks up their hierarchy. */
    private static byte[] joiner(String... types) {
        return build("p/Main", 49, CLASS, "java/lang/Object", List.of(), cb -> {
            for (String a : types) {
                for (String b : types) {
                    ClassDesc da = ClassDesc.ofInternalName(a);
                    ClassDesc db = ClassDesc.ofInternalName(b);
                    cb.withMethodBody("join" + a.substring(2) + b.substring(2), MethodTypeDesc.of(CD_Object,
                            CD_Object, da, db),
                            ClassFile.ACC_STATIC, code -> {
                                Label other = code.newLabel();
                                Label join = code.newLabel();
                                code.aload(0).ifnull(other).aload(1).goto_(join)
                                        .labelBinding(other).aload(2)
                                        .labelBinding(join).checkcast(da).areturn();
                            });
                }
            }
        });
    }

    private static Consumer<ClassBuilder> permits(String... names) {
        return cb -> cb.with(PermittedSubclassesAttribute.ofSymbols(
                java.util.Arrays.stream(names).map(ClassDesc::ofInternalName).toList()));
    }

    /** A class with no members but those {@code body} adds; interfaces by name, so that any name (an array, twice) can be put there. */
    private static byte[] build(String name, int version, int flags, String superclass, List<String> interfaces,
                                Consumer<ClassBuilder> body) {
        return BUILD.build(ClassDesc.ofInternalName(name), cb -> {
            cb.withVersion(version, 0);
            cb.withFlags(flags);
            cb.withSuperclass(ClassDesc.ofInternalName(superclass));
            cb.withInterfaces(interfaces.stream().map(i -> cb.constantPool().classEntry(cb.constantPool().utf8Entry(i))).toList());
            body.accept(cb);
        });
    }

    /** The verifier's violations (with the class header's) in the program {@code classes}. */
    private List<Violation> singj(Map<String, byte[]> classes, String main) {
        return Installer.standard().verify(TestJars.jar(dir, main, classes)).violations().stream()
                .filter(v -> VERIFIER_RULES.contains(v.rule())).toList();
    }

    /** The message of each class's one violation of {@code rule}. */
    private static Map<String, String> byClass(List<Violation> violations, String rule) {
        Map<String, String> result = new HashMap<>();
        for (Violation v : violations) {
            if (v.rule().equals(rule)) {
                String previous = result.put(v.className(), v.message());
                assertEquals(null, previous, "two violations for " + v.className() + ": " + violations);
            }
        }
        return result;
    }

    private void assertAcceptedByBoth(Map<String, byte[]> classes, String name) {
        assertEquals(List.of(), singj(classes, name));
        assertEquals(Optional.empty(), JvmVerdict.rejection(classes, name).map(Throwable::toString));
    }

    private static void assertJvmRejects(Map<String, byte[]> classes, String name, Class<? extends Throwable> error) {
        Throwable rejection = JvmVerdict.rejection(classes, name).orElseThrow(() -> new AssertionError("the JVM loads " + name));
        assertInstanceOf(error, rejection, rejection.toString());
    }
}
