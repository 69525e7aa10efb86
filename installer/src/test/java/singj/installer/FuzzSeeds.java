package singj.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;

/**
 * Valid class files to mutate: ordinary Java (loops, switches, exception handlers, longs and
 * doubles, arrays, objects, constructors, fields) compiled in the test, then rewritten as class
 * file version 49 without a StackMapTable (or, for StackMapFuzzTest, left as javac wrote them). The JVM verifies such classes by type inference, as
 * ours does, so a mutation that breaks type safety is judged by both on the same grounds (a
 * newer class would be rejected by the JVM for a stale stack map alone, which ours never reads).
 * Each is in this package, so that it can be defined as a hidden class beside the tests.
 */
final class FuzzSeeds {
    private FuzzSeeds() {}

    private static final Map<String, String> SOURCES = Map.of("SeedArithmetic", """
            package singj.installer;
            public class SeedArithmetic {
                private long total;
                private final double[] weights;
                public SeedArithmetic(int n) {
                    weights = new double[n];
                    for (int i = 0; i < n; i++) { weights[i] = i * 0.5 + 1; }
                }
                public long sum(int[] values, long start) {
                    long sum = start;
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] % 3 == 0) continue;
                        sum += values[i] * (long) i;
                    }
                    total += sum;
                    return sum;
                }
                public double weighted(int[] values) {
                    double result = 0;
                    for (int i = 0; i < values.length && i < weights.length; i++) { result += values[i] * weights[i]; }
                    return result > 100.0 ? result / 2 : -result;
                }
                public static int kind(Object o) {
                    if (o instanceof String) return ((String) o).length();
                    if (o instanceof Integer) return ((Integer) o).intValue();
                    return o == null ? -1 : 0;
                }
            }
            """, "SeedControl", """
            package singj.installer;
            public class SeedControl {
                static int classify(int x) {
                    switch (x) {
                        case 1: return 10;
                        case 2: case 3: return 20;
                        case 100: return 30;
                        default: return x < 0 ? -1 : 0;
                    }
                }
                static String parse(String text) {
                    StringBuilder out = new StringBuilder();
                    try {
                        int n = Integer.parseInt(text);
                        out.append(n * 2);
                    } catch (NumberFormatException e) {
                        out.append("bad: ").append(e.getMessage());
                    } finally {
                        out.append('.');
                    }
                    return out.toString();
                }
                static long[][] grid(int n) {
                    long[][] grid = new long[n][n];
                    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) grid[i][j] = (long) i * j;
                    return grid;
                }
                static Object pick(boolean a, String s, Integer i) {
                    Object o = a ? s : i;
                    return o;
                }
            }
            """, "SeedObjects", """
            package singj.installer;
            import java.util.ArrayList;
            import java.util.List;
            public class SeedObjects extends Exception implements Comparable<SeedObjects> {
                private final String name;
                private int count;
                public SeedObjects(String name) { super(name); this.name = name; }
                public SeedObjects() { this("unnamed"); count = 1; }
                public int compareTo(SeedObjects other) { return name.compareTo(other.name); }
                public List<String> names(int n) {
                    List<String> names = new ArrayList<String>();
                    for (int i = 0; i < n; i++) { names.add(name + i); count++; }
                    return names;
                }
                public synchronized int count() { return count; }
                public static SeedObjects fail(boolean really) throws SeedObjects {
                    SeedObjects e = new SeedObjects("x");
                    if (really) throw e;
                    return e;
                }
            }
            """);

    /** The seeds' class files, by internal name. */
    static Map<String, byte[]> compile(Path dir) {
        ClassFile withoutStackMaps = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
        ClassTransform toVersion49 = ClassTransform.dropping(e -> e instanceof ClassFileVersion)
                .andThen(ClassTransform.endHandler(cb -> cb.withVersion(49, 0)))
                .andThen(ClassTransform.transformingMethodBodies(
                        (CodeTransform) (code, element) -> {
                            if (!(element instanceof StackMapTableAttribute)) {
                                code.with(element);
                            }
                        }));
        Map<String, byte[]> seeds = new java.util.TreeMap<>();
        compileWithFrames(dir).forEach((name, bytes) ->
                seeds.put(name, withoutStackMaps.transformClass(withoutStackMaps.parse(bytes), toVersion49)));
        return seeds;
    }

    /** The seeds as javac wrote them: class file version 52, with their StackMapTables, by internal name. */
    static Map<String, byte[]> compileWithFrames(Path dir) {
        try {
            Path sources = Files.createDirectories(dir.resolve("src"));
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("--release", "8", "-nowarn", "-Xlint:none", "-g", "-d",
                    classes.toString()));
            for (var source : SOURCES.entrySet()) {
                Path file = sources.resolve(source.getKey() + ".java");
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
            if (exit != 0) {
                throw new AssertionError("the fuzz seeds do not compile");
            }
            Map<String, byte[]> seeds = new java.util.TreeMap<>();
            for (String name : SOURCES.keySet()) {
                seeds.put("singj/installer/" + name, Files.readAllBytes(classes.resolve("singj/installer/" + name + ".class")));
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
