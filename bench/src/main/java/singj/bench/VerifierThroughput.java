package singj.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import singj.installer.Violation;
import singj.installer.verify.TypeHierarchy;
import singj.installer.verify.TypeVerifier;

/**
 * SingJ's install-time verifier beside the JVM's own, on the same real classes in the same run:
 * every class of some JDK modules (by default {@code jdk.compiler} and {@code jdk.javadoc}, about
 * 2,200 classes), read from {@code jrt:/}. One operation is the whole module; classes per second is the class count divided
 * by the time per operation (printed at setup).
 * <ul>
 * <li>{@code singj}: parse each class, check its format and verify its types (what install does);</li>
 * <li>{@code jvmDefineAndVerify}: define every class in a fresh class loader and link it, which
 *     verifies it (the JDK's classes carry stack maps, so this is the JVM's fast type checker);</li>
 * <li>{@code jvmDefineWithoutVerify}: the same in a JVM whose verifier is off for these classes. The
 *     JVM's verification cost is the difference between the two.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class VerifierThroughput {
    /** JDK modules, comma-separated; not java.* ones, whose packages no class loader but the JDK's may define. */
    @Param("jdk.compiler,jdk.javadoc")
    public String module;

    Map<String, byte[]> classes;
    private Map<String, TypeHierarchy.ClassShape> shapes;

    @Setup
    public void setUp() {
        classes = moduleClasses(module);
        shapes = new HashMap<>();
        for (byte[] bytes : classes.values()) {
            ClassModel model = ClassFile.of().parse(bytes);
            String name = model.thisClass().asInternalName();
            shapes.put(name, new TypeHierarchy.ClassShape(name, model.superclass().map(ClassEntry::asInternalName).orElse(null),
                    model.flags().has(AccessFlag.INTERFACE)));
        }
        System.out.println("\n" + module + ": " + classes.size() + " classes");
    }

    /** What SingJ does at install: every class parsed, its format checked, its types verified. */
    @Benchmark
    public List<Violation> singj() {
        TypeVerifier verifier = new TypeVerifier(this::shape);
        List<Violation> violations = new ArrayList<>();
        ClassFile classFile = ClassFile.of();
        for (byte[] bytes : classes.values()) {
            violations.addAll(verifier.verify(classFile.parse(bytes), bytes));
        }
        return violations;
    }

    @Benchmark
    public int jvmDefineAndVerify() {
        return defineAndLinkAll();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote"})
    public int jvmDefineWithoutVerify() {
        return defineAndLinkAll();
    }

    /** Defines every class in a fresh loader and links it (reflecting on its methods links it); returns those that linked. */
    int defineAndLinkAll() {
        CorpusLoader loader = new CorpusLoader(classes);
        int linked = 0;
        for (String name : classes.keySet()) {
            try {
                linked += Class.forName(name, false, loader).getDeclaredMethods().length >= 0 ? 1 : 0;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that needs what this loader cannot give it: counted out, the same in every fork
            }
        }
        return linked;
    }

    /** The module's classes first (as the installer sees a program's), then the platform's. */
    private Optional<TypeHierarchy.ClassShape> shape(String name) {
        TypeHierarchy.ClassShape shape = shapes.get(name);
        if (shape != null) {
            return Optional.of(shape);
        }
        try {
            Class<?> type = Class.forName(name.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            return Optional.of(new TypeHierarchy.ClassShape(name,
                    type.getSuperclass() == null ? null : type.getSuperclass().getName().replace('.', '/'), type.isInterface()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The class files of some modules (comma-separated) of the running JDK, by binary name. */
    static Map<String, byte[]> moduleClasses(String modules) {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (String module : modules.split(",")) {
            Path root = jrt.getPath("/modules/" + module.strip());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String relative = root.relativize(file).toString();
                    if (!relative.endsWith("module-info.class")) {
                        result.put(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'),
                                Files.readAllBytes(file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    /** Defines the corpus's classes itself (child first), everything else from the platform. */
    static final class CorpusLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        CorpusLoader(Map<String, byte[]> classes) {
            super("corpus", ClassLoader.getPlatformClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = classes.get(name);
                    loaded = bytes != null ? defineClass(name, bytes, 0, bytes.length) : getParent().loadClass(name);
                }
                return loaded;
            }
        }
    }
}
