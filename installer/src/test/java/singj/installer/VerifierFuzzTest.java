package singj.installer;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import singj.installer.verify.TypeVerifier;

/**
 * Differential fuzzing of the type verifier against the JVM's own. Valid class files (see
 * {@link FuzzSeeds}) are mutated at random: bits flipped, bytes set, inserted or deleted, the file
 * cut short, anywhere in the file or only inside method code (where most of what the verifier
 * judges lives). For every mutant the installer's verification must finish within a fixed time and
 * never throw; and whenever it accepts the mutant, the JVM must link it without a VerifyError or
 * ClassFormatError: we may be stricter than the JVM, never more lenient.
 */
class VerifierFuzzTest {
    private static final Map<String, byte[]> SEEDS = FuzzSeeds.compile(tempDir());
    private static final List<String> SEED_NAMES = List.copyOf(SEEDS.keySet());
    private static final Map<String, List<int[]>> CODE_RANGES = codeRanges();
    private static final Installer INSTALLER = Installer.standard();
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    enum Kind { FLIP_BIT, SET_BYTE, INSERT_BYTE, DELETE_BYTE, TRUNCATE }

    /** One edit: {@code where} is a fraction of the file or of its code, {@code value} a byte or a bit number. */
    record Edit(Kind kind, double where, int value) {}

    record Mutant(String seed, boolean inCode, List<Edit> edits) {
        byte[] apply() {
            byte[] bytes = SEEDS.get(seed).clone();
            for (Edit edit : edits) {
                int at = position(bytes.length, edit.where());
                bytes = switch (edit.kind()) {
                    case FLIP_BIT -> {
                        bytes[at] ^= (byte) (1 << (edit.value() & 7));
                        yield bytes;
                    }
                    case SET_BYTE -> {
                        bytes[at] = (byte) edit.value();
                        yield bytes;
                    }
                    case INSERT_BYTE -> {
                        byte[] longer = new byte[bytes.length + 1];
                        System.arraycopy(bytes, 0, longer, 0, at);
                        longer[at] = (byte) edit.value();
                        System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                        yield longer;
                    }
                    case DELETE_BYTE -> {
                        byte[] shorter = new byte[bytes.length - 1];
                        System.arraycopy(bytes, 0, shorter, 0, at);
                        System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                        yield shorter;
                    }
                    case TRUNCATE -> Arrays.copyOf(bytes, Math.max(at, 8));
                };
            }
            return bytes;
        }

        /** Where an edit lands: in the code of some method (as laid out in the seed) or anywhere. */
        private int position(int length, double where) {
            if (inCode) {
                List<int[]> ranges = CODE_RANGES.get(seed);
                int total = ranges.stream().mapToInt(r -> r[1] - r[0]).sum();
                int offset = (int) (where * total);
                for (int[] range : ranges) {
                    if (offset < range[1] - range[0]) {
                        return Math.min(range[0] + offset, length - 1);
                    }
                    offset -= range[1] - range[0];
                }
            }
            return Math.min((int) (where * length), length - 1);
        }
    }

    @Provide
    Arbitrary<Mutant> mutants() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.frequency(Tuple.of(5, Kind.FLIP_BIT),
                                Tuple.of(5, Kind.SET_BYTE), Tuple.of(2, Kind.INSERT_BYTE), Tuple.of(2, Kind.DELETE_BYTE),
                                Tuple.of(1, Kind.TRUNCATE)),
                        Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 255))
                .as(Edit::new);
        return Combinators.combine(Arbitraries.of(SEED_NAMES), Arbitraries.of(true, true, false),
                edit.list().ofMinSize(1).ofMaxSize(3)).as(Mutant::new);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void neverCrashesNeverHangsNeverAcceptsWhatTheJvmRejects(@ForAll("mutants") Mutant mutant) {
        byte[] bytes = mutant.apply();
        TRIES.incrementAndGet();
        String binaryName = mutant.seed().replace('/', '.');
        ProgramJar jar = new ProgramJar(Path.of(mutant.seed() + ".jar"), binaryName, Map.of(binaryName, bytes), "");
        // A hang guard, not a speed test: a hang never ends, and the first mutant of a JVM also pays
        // the installer's cold start (3.8 s once on a machine at load average 30).
        VerificationReport report = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> INSTALLER.verify(jar),
                () -> "the verifier took over 20 s on " + describe(mutant, bytes));
        for (Violation violation : report.violations()) {
            assertTrue(!violation.message().contains(TypeVerifier.VERIFIER_FAILED),
                    () -> violation + "\n" + describe(mutant, bytes));
        }
        if (!report.passed()) {
            return;
        }
        ACCEPTED.incrementAndGet();
        JvmVerdict.rejection(MethodHandles.lookup(), bytes).ifPresent(error -> assertTrue(
                !(error instanceof VerifyError || error instanceof ClassFormatError),
                "we accept what the JVM rejects with " + error + "\n" + describe(mutant, bytes)));
    }

    @AfterContainer
    static void summary() {
        System.out.println("verifier fuzz: " + TRIES.get() + " mutants, " + ACCEPTED.get()
                + " accepted by ours and linked by the JVM's verifier");
    }

    private static String describe(Mutant mutant, byte[] bytes) {
        return mutant + "\nmutant: " + HexFormat.of().formatHex(bytes);
    }

    private static Map<String, List<int[]>> codeRanges() {
        Map<String, List<int[]>> ranges = new java.util.HashMap<>();
        String[] hex = new String[1];
        SEEDS.forEach((name, bytes) -> {
            hex[0] = HexFormat.of().formatHex(bytes);
            List<int[]> list = new ArrayList<>();
            for (MethodModel method : ClassFile.of().parse(bytes).methods()) {
                method.code().ifPresent(code -> {
                    byte[] array = ((CodeAttribute) code).codeArray();
                    int at = hex[0].indexOf(HexFormat.of().formatHex(array));
                    while (at >= 0 && at % 2 != 0) {
                        at = hex[0].indexOf(HexFormat.of().formatHex(array), at + 1);
                    }
                    if (at >= 0) {
                        list.add(new int[] {at / 2, at / 2 + array.length});
                    }
                });
            }
            ranges.put(name, list);
        });
        return ranges;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("singj-fuzz-seeds");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
