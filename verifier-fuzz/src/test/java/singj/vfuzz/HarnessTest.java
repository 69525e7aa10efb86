package singj.vfuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzzer's parts: both judges on known classes, the sources, the operators, reproducibility. */
class HarnessTest {
    private static final List<Source> SOURCES = Corpus.load(Corpus.buildDir());

    /** A class whose method returns its Object parameter as an int, at {@code version}, without frames. */
    private static byte[] forged(String name, int version) {
        return ClassFile.of().build(ClassDesc.ofInternalName(name), b -> b.withVersion(version, 0)
                .withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER)
                .withMethodBody("forge", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_Object),
                        ClassFile.ACC_STATIC, code -> code.aload(0).ireturn()));
    }

    @Test
    void hotSpotRejectsAForgedIntOnlyOnceTheClassIsLinked() throws Exception {
        byte[] bad = forged("fuzz/Forged", 49);
        Source source = new Source("test", Map.of("fuzz/Forged", bad));
        // defining alone does not verify: the harness must link
        ClassLoader loader = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) {
                return defineClass(name, bad, 0, bad.length);
            }
        };
        Class<?> defined = assertDoesNotThrow(() -> Class.forName("fuzz.Forged", false, loader));
        assertThrows(VerifyError.class, defined::getDeclaredMethods);

        HotSpotJudge.Verdict verdict = HotSpotJudge.judge(source, "fuzz/Forged", bad);
        assertEquals(HotSpotJudge.Kind.REJECT, verdict.kind());
        assertTrue(verdict.error().startsWith("java.lang.VerifyError"), verdict.error());
        try (SingJudge singj = new SingJudge()) {
            SingJudge.Verdict ours = singj.judge(source, "fuzz/Forged", bad);
            assertEquals(SingJudge.Kind.REJECT, ours.kind());
            assertTrue(ours.reason().contains("[type-safety]"), ours.reason());
        }
    }

    @Test
    void aMissingSuperclassIsUnresolvableNotAVerdict() {
        byte[] orphan = ClassFile.of().build(ClassDesc.ofInternalName("fuzz/Orphan"),
                b -> b.withSuperclass(ClassDesc.ofInternalName("fuzz/Missing")));
        HotSpotJudge.Verdict verdict = HotSpotJudge.judge(new Source("test", Map.of("fuzz/Orphan", orphan)), "fuzz/Orphan",
                orphan);
        assertEquals(HotSpotJudge.Kind.UNRESOLVABLE, verdict.kind(), verdict.error());
    }

    @Test
    void everySourceIsThereAndItsClassesLoadUnchanged() {
        List<String> names = SOURCES.stream().map(Source::name).toList();
        assertEquals(List.of("javac-49", "javac-52", "javac-69", "asm", "byte-buddy", "clojure", "commons-collections4",
                "commons-lang3", "groovy", "guava", "h2", "jackson-databind", "javaparser-core", "kotlin-stdlib",
                "netty-buffer", "netty-common", "protobuf-java", "scala-library"), names);
        for (String version : List.of("49", "52", "69")) {
            Source javac = source("javac-" + version);
            try (SingJudge singj = new SingJudge()) {
                for (String name : javac.names()) {
                    assertEquals(Integer.parseInt(version), javac.model(name).orElseThrow().majorVersion(), name);
                    assertEquals(HotSpotJudge.Kind.ACCEPT, HotSpotJudge.judge(javac, name, javac.bytes(name)).kind(), name);
                    assertEquals(SingJudge.Kind.ACCEPT, singj.judge(javac, name, javac.bytes(name)).kind(), name);
                }
            }
        }
        // version 49 only where it is legal: the lambdas need invokedynamic
        assertTrue(source("javac-52").names().contains("fuzzprog/b/Lambdas"));
        assertFalse(source("javac-49").names().contains("fuzzprog/b/Lambdas"));
    }

    @Test
    void everyOperatorMutatesSomeJavacClass() {
        for (Operator operator : Operator.values()) {
            boolean mutated = false;
            for (String version : List.of("52", "69")) {
                Source javac = source("javac-" + version);
                for (String name : javac.names()) {
                    for (int seed = 0; seed < 5 && !mutated; seed++) {
                        var target = new Target(javac, name, javac.model(name).orElseThrow(), new Random(seed));
                        Optional<Mutation> mutation = operator.apply(target);
                        mutated = mutation.isPresent() && !java.util.Arrays.equals(mutation.get().bytes(), javac.bytes(name));
                    }
                }
            }
            assertTrue(mutated, operator + " changed no class of the javac programs");
        }
    }

    @Test
    void aSeedMakesTheSameMutantsWhateverTheThreads() {
        List<Source> few = List.of(source("javac-52"), source("commons-lang3"));
        Report one = new Fuzzer(few, 7).run(40, 1);
        Report two = new Fuzzer(few, 7).run(40, 2);
        assertEquals(one.markdown(""), two.markdown(""));
        Fuzzer a = new Fuzzer(few, 7);
        Fuzzer b = new Fuzzer(few, 7);
        for (int i = 0; i < 20; i++) {
            var x = a.nextSpec().orElseThrow();
            var y = b.nextSpec().orElseThrow();
            assertEquals(x.className(), y.className());
            assertEquals(x.seed(), y.seed());
        }
        assertNotEquals(new Fuzzer(few, 8).nextSpec().orElseThrow().seed(), new Fuzzer(few, 7).nextSpec().orElseThrow().seed());
    }

    private static Source source(String name) {
        return SOURCES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The mutants kept in {@code src/test/resources/reproducers/} were each accepted by SingJ (or left
     * it without a verdict, as the class that is its own supertype did) and rejected by HotSpot: now
     * SingJ rejects each as HotSpot does, within its limit.
     */
    @Test
    void everyKeptReproducerIsNowRejectedByBoth() throws Exception {
        Path root = Path.of(HarnessTest.class.getResource("/reproducers").toURI());
        List<Path> described;
        try (var files = Files.walk(root)) {
            described = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        assertFalse(described.isEmpty());
        try (SingJudge singj = new SingJudge()) {
            for (Path txt : described) {
                Map<String, String> fields = new java.util.HashMap<>();
                for (String line : Files.readAllLines(txt)) {
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
                    }
                }
                Source source = SOURCES.stream().filter(s -> s.name().equals(fields.get("source"))).findFirst().orElseThrow();
                String name = fields.get("class");
                byte[] mutant = Files.readAllBytes(Path.of(txt.toString().replaceFirst("\\.txt$", ".class")));
                assertEquals(HotSpotJudge.Kind.REJECT, HotSpotJudge.judge(source, name, mutant).kind(), txt.toString());
                SingJudge.Verdict ours = singj.judge(source, name, mutant);
                assertEquals(SingJudge.Kind.REJECT, ours.kind(), txt + ": " + ours.reason());
            }
        }
    }
}
