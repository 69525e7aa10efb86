package singj.vfuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One body of classes that belong together (a jar, or a javac program at one class version): the
 * classes to mutate, and the classes that both verifiers see beside a mutant. Internal names.
 */
public final class Source {
    private final String name;
    private final Map<String, byte[]> classes;
    private final List<String> names;
    private final Map<String, ClassModel> models = new ConcurrentHashMap<>();
    private final ClassHierarchyResolver resolver;
    private volatile Map<String, List<String>> subtypes;

    Source(String name, Map<String, byte[]> classes) {
        this.name = name;
        this.classes = Map.copyOf(classes);
        this.names = List.copyOf(new TreeMap<>(classes).keySet());
        // the ClassFile API's stack map generator asks about these classes when it regenerates frames
        this.resolver = ClassHierarchyResolver.ofResourceParsing(
                        (ClassDesc desc) -> {
                            byte[] bytes = classes.get(InternalNames.internal(desc));
                            return bytes == null ? null : new java.io.ByteArrayInputStream(bytes);
                        })
                .orElse(ClassHierarchyResolver.defaultResolver()).cached();
    }

    public String name() {
        return name;
    }

    /** The classes of this source that name {@code internalName} as their superclass or an interface. */
    public List<String> directSubtypes(String internalName) {
        Map<String, List<String>> index = subtypes;
        if (index == null) {
            Map<String, List<String>> made = new java.util.HashMap<>();
            for (String each : names) {
                ClassModel model = model(each).orElseThrow();
                model.superclass().ifPresent(s -> made.computeIfAbsent(s.asInternalName(), k -> new java.util.ArrayList<>()).add(each));
                model.interfaces().forEach(i -> made.computeIfAbsent(i.asInternalName(), k -> new java.util.ArrayList<>()).add(each));
            }
            subtypes = index = Map.copyOf(made);
        }
        return index.getOrDefault(internalName, List.of());
    }

    /** The class file of {@code internalName}, or null if this source has none. */
    public byte[] bytes(String internalName) {
        return classes.get(internalName);
    }

    public List<String> names() {
        return names;
    }

    /** The class parsed, or empty if it is not here; parsed once. */
    public Optional<ClassModel> model(String internalName) {
        byte[] bytes = classes.get(internalName);
        if (bytes == null) {
            return Optional.empty();
        }
        return Optional.of(models.computeIfAbsent(internalName, n -> ClassFile.of().parse(bytes)));
    }

    ClassHierarchyResolver resolver() {
        return resolver;
    }

    /** Every class file of a jar, except those of other Java versions (META-INF/versions) and module-info. */
    static Source ofJar(String name, Path jar) {
        Map<String, byte[]> classes = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entry : Collections.list(file.entries())) {
                String path = entry.getName();
                if (path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class")) {
                    classes.put(path.substring(0, path.length() - ".class".length()),
                            file.getInputStream(entry).readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return new Source(name, classes);
    }

    /** Every class file under a directory of compiled classes. */
    static Source ofDirectory(String name, Path dir) {
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                classes.put(relative.substring(0, relative.length() - ".class".length()), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return new Source(name, classes);
    }

    /** The classes of {@code this} that {@code rewrite} turns into another form; those it cannot are left out. */
    Source rewritten(String newName, java.util.function.Function<byte[], Optional<byte[]>> rewrite) {
        Map<String, byte[]> out = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        classes.forEach((n, b) -> rewrite.apply(b).ifPresentOrElse(r -> out.put(n, r), () -> skipped.add(n)));
        return new Source(newName, out);
    }

    @Override
    public String toString() {
        return name + " (" + classes.size() + " classes)";
    }
}
