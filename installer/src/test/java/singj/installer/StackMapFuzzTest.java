package singj.installer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.ObjectVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.VerificationTypeInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import net.jqwik.api.lifecycle.AfterContainer;
import singj.installer.verify.TypeVerifier;

/**
 * Differential fuzzing of the frame check (StackMapCheck) against the JVM's type checker: the
 * {@link FuzzSeeds} as javac wrote them (version 52, with their StackMapTables), one frame of one
 * method changed (dropped, moved to another instruction, a local or stack value retyped, added or
 * removed), or a byte of the code changed under the frames. Whenever SingJ accepts a mutant, the JVM
 * must link it: SingJ may be stricter, never more lenient.
 */
class StackMapFuzzTest {
    private static final Map<String, byte[]> SEEDS = FuzzSeeds.compileWithFrames(tempDir());
    private static final List<String> SEED_NAMES = List.copyOf(SEEDS.keySet());
    private static final ClassFile KEEP_FRAMES_AS_GIVEN = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
    private static final Installer INSTALLER = Installer.standard();
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger ONLY_SINGJ_REJECTS = new AtomicInteger();

    enum Kind { DROP_FRAME, MOVE_FRAME, RETYPE_LOCAL, RETYPE_STACK, ADD_LOCAL, CHOP_LOCAL, PUSH_STACK, POP_STACK, CODE_BYTE }

    /** A change: which method (modulo those with frames), which frame, which slot or instruction, which type or byte. */
    record Mutant(String seed, Kind kind, int method, int frame, int slot, int value) {
        byte[] apply() {
            byte[] bytes = SEEDS.get(seed);
            ClassModel model = KEEP_FRAMES_AS_GIVEN.parse(bytes);
            List<MethodModel> withFrames = model.methods().stream().filter(m -> m.code()
                    .flatMap(c -> c.findAttribute(java.lang.classfile.Attributes.stackMapTable())).isPresent()).toList();
            MethodModel target = withFrames.get(method % withFrames.size());
            if (kind == Kind.CODE_BYTE) {
                return withCodeByte(bytes, ((CodeAttribute) target.code().orElseThrow()).codeArray());
            }
            CodeAttribute code = (CodeAttribute) target.code().orElseThrow();
            return KEEP_FRAMES_AS_GIVEN.transformClass(model, ClassTransform.transformingMethodBodies(
                    m -> m == target, CodeTransform.ofStateful(() -> new FrameChange(code))));
        }

        private byte[] withCodeByte(byte[] bytes, byte[] code) {
            String hex = HexFormat.of().formatHex(bytes);
            int at = hex.indexOf(HexFormat.of().formatHex(code));
            while (at % 2 != 0) {
                at = hex.indexOf(HexFormat.of().formatHex(code), at + 1);
            }
            byte[] mutant = bytes.clone();
            mutant[at / 2 + slot % code.length] = (byte) value;
            return mutant;
        }

        /** Passes the code through, binding a label before the instruction a frame moves to, and writes the changed table at the end. */
        private final class FrameChange implements CodeTransform {
            private final CodeAttribute original;
            private Label moved;
            private int movedBci;
            private int instructions;
            private int bci;

            FrameChange(CodeAttribute original) {
                this.original = original;
            }

            @Override
            public void accept(CodeBuilder builder, CodeElement element) {
                if (element instanceof StackMapTableAttribute) {
                    return; // written changed at the end
                }
                if (element instanceof Instruction instruction) {
                    if (kind == Kind.MOVE_FRAME && moved == null && instructions == slot % 64) {
                        moved = builder.newBoundLabel();
                        movedBci = bci;
                    }
                    instructions++;
                    bci += instruction.sizeInBytes();
                }
                builder.with(element);
            }

            private int bciOf(StackMapFrameInfo frame) {
                return frame.target() == moved ? movedBci : original.labelToBci(frame.target());
            }

            @Override
            public void atEnd(CodeBuilder builder) {
                List<StackMapFrameInfo> frames = new ArrayList<>(
                        original.findAttribute(java.lang.classfile.Attributes.stackMapTable()).orElseThrow().entries());
                int k = frame % frames.size();
                StackMapFrameInfo f = frames.get(k);
                List<VerificationTypeInfo> locals = new ArrayList<>(f.locals());
                List<VerificationTypeInfo> stack = new ArrayList<>(f.stack());
                VerificationTypeInfo type = PALETTE.get(value % PALETTE.size());
                Label at = f.target();
                switch (kind) {
                    case DROP_FRAME -> {
                        frames.remove(k);
                        builder.with(StackMapTableAttribute.of(frames));
                        return;
                    }
                    case MOVE_FRAME -> at = moved != null ? moved : at;
                    case RETYPE_LOCAL -> {
                        if (!locals.isEmpty()) {
                            locals.set(slot % locals.size(), type);
                        }
                    }
                    case RETYPE_STACK -> {
                        if (!stack.isEmpty()) {
                            stack.set(slot % stack.size(), type);
                        }
                    }
                    case ADD_LOCAL -> locals.add(type);
                    case CHOP_LOCAL -> {
                        if (!locals.isEmpty()) {
                            locals.removeLast();
                        }
                    }
                    case PUSH_STACK -> stack.add(type);
                    case POP_STACK -> {
                        if (!stack.isEmpty()) {
                            stack.removeLast();
                        }
                    }
                    default -> throw new IllegalStateException(kind.name());
                }
                StackMapFrameInfo changed = StackMapFrameInfo.of(at, locals, stack);
                frames.remove(k);
                // one frame per instruction, in code order: a frame moved onto another one's place replaces it
                frames.removeIf(other -> bciOf(other) == bciOf(changed));
                frames.add(changed);
                frames.sort(java.util.Comparator.comparingInt(this::bciOf));
                builder.with(StackMapTableAttribute.of(frames));
            }
        }
    }

    private static final List<VerificationTypeInfo> PALETTE = List.of(SimpleVerificationTypeInfo.TOP,
            SimpleVerificationTypeInfo.INTEGER, SimpleVerificationTypeInfo.FLOAT, SimpleVerificationTypeInfo.LONG,
            SimpleVerificationTypeInfo.DOUBLE, SimpleVerificationTypeInfo.NULL, SimpleVerificationTypeInfo.UNINITIALIZED_THIS,
            ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.Object")),
            ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.String")),
            ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.Integer")),
            ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.Throwable")),
            ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.Cloneable")),
            ObjectVerificationTypeInfo.of(ClassDesc.of("java.util.List")),
            ObjectVerificationTypeInfo.of(ClassDesc.ofDescriptor("[I")),
            ObjectVerificationTypeInfo.of(ClassDesc.ofDescriptor("[J")),
            ObjectVerificationTypeInfo.of(ClassDesc.of("singj.installer.SeedObjects")),
            ObjectVerificationTypeInfo.of(ClassDesc.of("singj.installer.SeedArithmetic")));

    @Provide
    Arbitrary<Mutant> mutants() {
        return Combinators.combine(Arbitraries.of(SEED_NAMES), Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 255)).as(Mutant::new);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void neverAcceptsFramesTheJvmRejects(@ForAll("mutants") Mutant mutant) {
        byte[] bytes;
        try {
            bytes = mutant.apply();
        } catch (IllegalArgumentException e) {
            return; // the ClassFile API refuses to write this table (a frame with no instruction to stand on)
        }
        TRIES.incrementAndGet();
        String binaryName = mutant.seed().replace('/', '.');
        ProgramJar jar = new ProgramJar(Path.of(mutant.seed() + ".jar"), binaryName, Map.of(binaryName, bytes), "");
        VerificationReport report = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> INSTALLER.verify(jar), () -> "the verifier took over 2 s on " + describe(mutant, bytes));
        for (Violation violation : report.violations()) {
            assertTrue(!violation.message().contains(TypeVerifier.VERIFIER_FAILED),
                    () -> violation + "\n" + describe(mutant, bytes));
        }
        Map<String, byte[]> program = new java.util.HashMap<>();
        SEEDS.forEach((name, seed) -> program.put(name.replace('/', '.'), seed));
        program.put(binaryName, bytes);
        var jvm = JvmVerdict.rejectionInLoader(program, binaryName);
        boolean jvmRejects = jvm.isPresent() && (jvm.get() instanceof VerifyError || jvm.get() instanceof ClassFormatError);
        if (report.passed()) {
            ACCEPTED.incrementAndGet();
            assertTrue(!jvmRejects, () -> "we accept what the JVM rejects with " + jvm.get() + "\n" + describe(mutant, bytes));
        } else if (!jvmRejects) {
            ONLY_SINGJ_REJECTS.incrementAndGet();
            System.out.println("only SingJ rejects " + mutant + ": " + report.violations().getFirst() + " JVM: " + jvm);
        }
    }

    @AfterContainer
    static void summary() {
        System.out.println("frame fuzz: " + TRIES.get() + " mutants, " + ACCEPTED.get() + " accepted by both, "
                + ONLY_SINGJ_REJECTS.get() + " rejected by SingJ only, the rest by both");
    }

    private static String describe(Mutant mutant, byte[] bytes) {
        return mutant + "\nmutant: " + HexFormat.of().formatHex(bytes);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("singj-frame-fuzz-seeds");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
