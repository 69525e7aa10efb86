package singj.vfuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sources the fuzzer mutates, as the module's build leaves them in {@code target/}: the real
 * jars (copied by maven-dependency-plugin into corpus-jars/), the javac programs at class versions
 * 52 and 69 (programs-52/, programs-69/), and the version-52 programs rewritten to version 49.
 */
public final class Corpus {
    private Corpus() {}

    /** Every source under {@code buildDir}, javac programs first, then the jars by name. */
    public static List<Source> load(Path buildDir) {
        List<Source> sources = new ArrayList<>();
        Source javac52 = Source.ofDirectory("javac-52", buildDir.resolve("programs-52"));
        sources.add(javac52.rewritten("javac-49", Corpus::toVersion49));
        sources.add(javac52);
        sources.add(Source.ofDirectory("javac-69", buildDir.resolve("programs-69")));
        try (Stream<Path> jars = Files.list(buildDir.resolve("corpus-jars"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String file = jar.getFileName().toString();
                sources.add(Source.ofJar(file.substring(0, file.length() - ".jar".length()), jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no corpus jars under " + buildDir + " (the module's build copies them)", e);
        }
        return sources;
    }

    /** The build's directory: the system property the module's tests get, or verifier-fuzz/target. */
    public static Path buildDir() {
        return Path.of(System.getProperty("fuzz.corpus", "verifier-fuzz/target"));
    }

    /**
     * The class at version 49, without StackMapTable, where that is legal: nothing that needs a later
     * version (invokedynamic, loadable method handles, method types and dynamic constants, interface
     * methods called through invokestatic or invokespecial, interface methods with code).
     */
    static Optional<byte[]> toVersion49(byte[] bytes) {
        ClassModel model = ClassFile.of().parse(bytes);
        boolean isInterface = model.flags().has(AccessFlag.INTERFACE);
        for (MethodModel method : model.methods()) {
            if (method.code().isEmpty()) {
                continue;
            }
            if (isInterface && !method.methodName().equalsString("<clinit>")) {
                return Optional.empty();
            }
            for (CodeElement e : method.code().get()) {
                boolean later = switch (e) {
                    case InvokeDynamicInstruction i -> true;
                    case ConstantInstruction.LoadConstantInstruction c -> c.constantEntry() instanceof MethodTypeEntry
                            || c.constantEntry() instanceof MethodHandleEntry || c.constantEntry() instanceof ConstantDynamicEntry;
                    case InvokeInstruction i -> i.isInterface() && i.opcode() != Opcode.INVOKEINTERFACE;
                    default -> false;
                };
                if (later) {
                    return Optional.empty();
                }
            }
        }
        ClassFile withoutFrames = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
        return Optional.of(withoutFrames.transformClass(model, ClassTransform.dropping(e -> e instanceof ClassFileVersion)
                .andThen(ClassTransform.endHandler(b -> b.withVersion(49, 0)))
                .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))));
    }
}
