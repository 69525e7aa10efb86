package singj.installer.verify;

import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import singj.installer.Violation;

/**
 * The final methods a class inherits, remembered per class: the class header check of each class
 * of a long chain must cost the same whatever its depth (a hostile program could otherwise make
 * {@code singj install} quadratic), and find the same nearest declarer the walk up the chain found.
 */
class InheritedFinalsTest {
    private static final MethodTypeDesc VOID = MethodTypeDesc.of(CD_void);

    /** A hierarchy of program classes given by their headers, counting the lookups and remembering finals as the installer's does. */
    private static final class Counting implements TypeHierarchy {
        final Map<String, Header> headers = new HashMap<>();
        final Map<String, InheritedFinals> memo = new HashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<ClassShape> shape(String name) {
            return header(name).map(h -> new ClassShape(h.name(), h.superName(), h.isInterface()));
        }

        @Override
        public Optional<Header> header(String name) {
            lookups.incrementAndGet();
            return Optional.ofNullable(headers.get(name));
        }

        @Override
        public InheritedFinals finals(String name) {
            return InheritedFinals.of(name, this::header, memo);
        }

        void add(String name, String superName, Set<String> finals, Set<String> packageFinals) {
            headers.put(name, new Header(name, superName, false, false, true, true, true, Optional.empty(), finals,
                    packageFinals));
        }
    }

    @Test
    void eachClassOfATwentyThousandClassChainIsCheckedWithoutWalkingIt() {
        int length = 20_000;
        Counting hierarchy = new Counting();
        // every class declares a final method, so no class can share its superclass's set as it is
        for (int i = 0; i < length; i++) {
            hierarchy.add("p/C" + i, i == 0 ? null : "p/C" + (i - 1), Set.of("f" + i + "()V"), Set.of("g" + i + "()V"));
        }
        // checked from the deepest up, the worst order for a memo filled on the way down
        int refused = 0;
        for (int i = length - 1; i > 0; i--) {
            String superName = "p/C" + (i - 1);
            boolean overrides = i % 1000 == 1;
            byte[] bytes = ClassFile.of().build(ClassDesc.ofInternalName("p/C" + i), cb -> {
                cb.withSuperclass(ClassDesc.ofInternalName(superName));
                if (overrides) {
                    cb.withMethodBody("f0", VOID, ClassFile.ACC_PUBLIC, code -> code.return_());
                    cb.withMethodBody("g0", VOID, ClassFile.ACC_PUBLIC, code -> code.return_());
                }
            });
            List<Violation> violations = ClassHeader.problems(ClassFile.of().parse(bytes), ClassFormat.check(bytes), hierarchy);
            if (overrides) {
                assertEquals(Set.of("f0()V", "g0()V"), violations.stream().map(Violation::method).collect(Collectors.toSet()));
                assertTrue(violations.stream().allMatch(v -> v.message().startsWith("overrides final method p.C0.")), violations.toString());
                refused++;
            } else {
                assertEquals(List.of(), violations);
            }
        }
        assertEquals(20, refused);
        // each header looked up a bounded number of times: a walk per class would be 200 million
        assertTrue(hierarchy.lookups.get() <= 4 * length, hierarchy.lookups + " header lookups for " + length + " classes");
    }

    @Test
    void theNearestDeclarerIsNamedAndAPackagePrivateFinalBindsOnlyItsPackage() {
        Counting hierarchy = new Counting();
        hierarchy.add("q/Top", null, Set.of("run()V"), Set.of("pack()V"));
        hierarchy.add("p/Middle", "q/Top", Set.of(), Set.of("run()V", "own()V"));
        hierarchy.add("q/Lower", "p/Middle", Set.of(), Set.of());
        InheritedFinals below = hierarchy.finals("q/Lower");
        assertEquals("p/Middle", below.overridden("p/Sub", "run()V"), "the package-private final of p/Middle is nearer");
        assertEquals("q/Top", below.overridden("q/Sub", "run()V"), "outside p, Top's public final is the one overridden");
        assertEquals("q/Top", below.overridden("q/Sub", "pack()V"));
        assertNull(below.overridden("p/Sub", "pack()V"), "a package-private final of q binds no class of p");
        assertNull(below.overridden("pp/Sub", "own()V"), "p and pp are different packages");
        assertNull(below.overridden("Sub", "own()V"), "nor is the unnamed package p");
        assertNull(below.overridden("p/Sub", "other()V"));
        assertNull(hierarchy.finals("p/Unknown").overridden("p/Sub", "run()V"));
        // the superclass's set is left as it was
        assertNull(hierarchy.finals("q/Top").overridden("p/Sub", "own()V"));
    }

    @Test
    void keysOfTheSameHashAndManyKeysAreAllFound() {
        assertEquals("Aa()V".hashCode(), "BB()V".hashCode());
        Counting hierarchy = new Counting();
        hierarchy.add("p/A", null, Set.of("Aa()V"), Set.of());
        hierarchy.add("p/B", "p/A", Set.of("BB()V"), Set.of());
        Set<String> many = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> "m" + i + "()V").collect(Collectors.toSet());
        hierarchy.add("p/C", "p/B", many, Set.of());
        hierarchy.add("p/D", "p/C", Set.of("Aa()V"), Set.of());
        InheritedFinals c = hierarchy.finals("p/C");
        assertEquals("p/A", c.overridden("p/X", "Aa()V"));
        assertEquals("p/B", c.overridden("p/X", "BB()V"));
        for (String m : many) {
            assertEquals("p/C", c.overridden("p/X", m), m);
        }
        assertNull(c.overridden("p/X", "m5000()V"));
        assertEquals("p/D", hierarchy.finals("p/D").overridden("p/X", "Aa()V"));
        assertEquals("p/A", c.overridden("p/X", "Aa()V"), "p/C's set is unchanged by p/D's");
    }
}
