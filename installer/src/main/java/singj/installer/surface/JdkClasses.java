package singj.installer.surface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.reflect.AccessFlag;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The class files of the JDK modules a SIP can reach, read from the running JDK's image
 * ({@code jrt:/}), with the hierarchy questions the surface analysis asks: who declares a
 * member, which class answers a virtual call. Names are internal ({@code java/lang/String}).
 * Only {@code java.base} is read: SIPs see no other module, and {@code java.base} depends on none.
 */
final class JdkClasses {
    private final Map<String, ClassModel> classes;
    private final Map<String, Map<String, MethodModel>> methods = new HashMap<>();
    private final Map<String, Map<String, FieldModel>> fields = new HashMap<>();

    JdkClasses(Map<String, ClassModel> classes) {
        this.classes = new TreeMap<>(classes);
        this.classes.forEach((name, model) -> {
            Map<String, MethodModel> byKey = new HashMap<>();
            for (MethodModel m : model.methods()) {
                byKey.put(m.methodName().stringValue() + m.methodType().stringValue(), m);
            }
            methods.put(name, byKey);
            Map<String, FieldModel> byName = new HashMap<>();
            for (FieldModel f : model.fields()) {
                byName.put(f.fieldName().stringValue(), f);
            }
            fields.put(name, byName);
        });
    }

    /** The classes of {@code module} in the running JDK. */
    static JdkClasses ofRunningJdk(String module) {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Map<String, ClassModel> models = new HashMap<>();
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules", module))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.toString();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                    models.put(model.thisClass().asInternalName(), model);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JDK's " + module + " module", e);
        }
        return new JdkClasses(models);
    }

    Collection<ClassModel> all() {
        return classes.values();
    }

    Optional<ClassModel> get(String name) {
        return Optional.ofNullable(classes.get(name));
    }

    Optional<String> superclass(String name) {
        ClassModel model = classes.get(name);
        return model == null ? Optional.empty() : model.superclass().map(c -> c.asInternalName());
    }

    List<String> interfaces(String name) {
        ClassModel model = classes.get(name);
        return model == null ? List.of() : model.interfaces().stream().map(c -> c.asInternalName()).toList();
    }

    /** {@code name} and every class and interface above it, nearest first. */
    Set<String> supertypes(String name) {
        Set<String> all = new LinkedHashSet<>();
        List<String> work = new ArrayList<>(List.of(name));
        while (!work.isEmpty()) {
            String next = work.removeFirst();
            if (all.add(next)) {
                superclass(next).ifPresent(work::add);
                work.addAll(interfaces(next));
            }
        }
        return all;
    }

    Optional<MethodModel> declared(String owner, String nameAndType) {
        return Optional.ofNullable(methods.getOrDefault(owner, Map.of()).get(nameAndType));
    }

    /**
     * The method a call to {@code owner.nameAndType} links to (JVMS 5.4.3.3 / 5.4.3.4): up the
     * superclasses, then the most specific non-abstract interface method; as {@code owner.nameAndType}.
     */
    Optional<String> resolve(String owner, String nameAndType) {
        for (String c = owner; c != null; c = superclass(c).orElse(null)) {
            if (declared(c, nameAndType).isPresent()) {
                return Optional.of(c + "." + nameAndType);
            }
        }
        String fallback = null;
        for (String type : supertypes(owner)) {
            Optional<MethodModel> m = declared(type, nameAndType);
            if (m.isPresent() && !m.get().flags().has(AccessFlag.STATIC) && !m.get().flags().has(AccessFlag.PRIVATE)) {
                if (!m.get().flags().has(AccessFlag.ABSTRACT)) {
                    return Optional.of(type + "." + nameAndType);
                }
                fallback = fallback == null ? type + "." + nameAndType : fallback;
            }
        }
        return Optional.ofNullable(fallback);
    }

    /** The method that runs for a virtual call of {@code nameAndType} on an instance of {@code concrete}. */
    Optional<String> dispatch(String concrete, String nameAndType) {
        return resolve(concrete, nameAndType).filter(key -> !isAbstract(key));
    }

    boolean isAbstract(String methodKey) {
        return method(methodKey).map(m -> m.flags().has(AccessFlag.ABSTRACT)).orElse(true);
    }

    Optional<MethodModel> method(String methodKey) {
        int dot = methodKey.indexOf('.');
        return declared(methodKey.substring(0, dot), methodKey.substring(dot + 1));
    }

    /** The declared type of field {@code owner.name}, looked up as the JVM resolves fields. */
    Optional<String> fieldType(String owner, String name) {
        for (String type : supertypes(owner)) {
            FieldModel f = fields.getOrDefault(type, Map.of()).get(name);
            if (f != null) {
                return Optional.of(f.fieldType().stringValue());
            }
        }
        return Optional.empty();
    }

    /** The class that declares the field {@code owner.name} resolves to, looked up as the JVM resolves fields. */
    Optional<String> fieldOwner(String owner, String name) {
        for (String type : supertypes(owner)) {
            if (fields.getOrDefault(type, Map.of()).containsKey(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code owner.name} resolves to a static field. */
    boolean isStaticField(String owner, String name) {
        for (String type : supertypes(owner)) {
            FieldModel f = fields.getOrDefault(type, Map.of()).get(name);
            if (f != null) {
                return f.flags().has(AccessFlag.STATIC);
            }
        }
        return false;
    }

    /** Whether an instance of {@code name} has any field, declared or inherited. */
    boolean hasInstanceFields(String name) {
        for (String c = name; c != null; c = superclass(c).orElse(null)) {
            for (FieldModel f : fields.getOrDefault(c, Map.of()).values()) {
                if (!f.flags().has(AccessFlag.STATIC)) {
                    return true;
                }
            }
        }
        return false;
    }
}
