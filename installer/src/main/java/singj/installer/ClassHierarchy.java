package singj.installer;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import singj.installer.verify.InheritedFinals;
import singj.installer.verify.TypeHierarchy;

/**
 * The classes a program can see: its own (from its class files) and the JDK's and SingJ ABI's
 * (by reflection on the installer's JVM, which is trusted and never runs program code). It
 * resolves a member reference to the class that declares it, as the JVM would at link time, so
 * that rules apply to what a call really reaches: {@code myList.wait()} is {@code Object.wait}.
 * Names here are internal names ({@code java/lang/String}).
 */
final class ClassHierarchy implements TypeHierarchy {
    /** What one class declares. */
    record Info(String name, String superName, List<String> interfaces, boolean isInterface, boolean program,
                Set<String> methods, Map<String, String> instanceFields, Set<String> staticFields) {}

    /** What interface method resolution finds in {@code Object}: its public instance methods. */
    private static final Set<String> OBJECT_PUBLIC_METHODS = java.util.Arrays.stream(Object.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .map(m -> m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The signature-polymorphic methods of {@code MethodHandle} and {@code VarHandle}
     * ({@code VarHandle.compareAndSet}, {@code MethodHandle.invokeExact}), as {@code Class.method}:
     * a call of one links whatever its descriptor (JVMS 5.4.3.3), since the call's descriptor is
     * the shape of that call, not the method's (native, varargs {@code Object...}).
     */
    private static final Set<String> SIGNATURE_POLYMORPHIC = java.util.stream.Stream
            .of(java.lang.invoke.MethodHandle.class, java.lang.invoke.VarHandle.class)
            .flatMap(type -> java.util.Arrays.stream(type.getDeclaredMethods()))
            .filter(m -> Modifier.isNative(m.getModifiers()) && m.isVarArgs()
                    && java.util.Arrays.equals(m.getParameterTypes(), new Class<?>[] {Object[].class}))
            .map(m -> internal(m.getDeclaringClass()) + "." + m.getName())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Map<String, ClassModel> program;
    private final Map<String, Optional<Info>> cache = new ConcurrentHashMap<>();
    private final Map<String, Optional<ClassShape>> shapes = new ConcurrentHashMap<>();
    private final Map<String, Optional<Header>> headers = new ConcurrentHashMap<>();
    /** For each class whose final methods were asked for: those it and its superclasses declare. */
    private final Map<String, InheritedFinals> finals = new ConcurrentHashMap<>();
    /** For each program class whose supertypes have been followed: the cycle they reach, or an empty list. */
    private final Map<String, List<String>> cycles = new ConcurrentHashMap<>();

    ClassHierarchy(Map<String, ClassModel> program) {
        this.program = program;
    }

    boolean isProgramClass(String name) {
        return program.containsKey(name);
    }

    /** The class {@code name}, or empty if neither the program nor the platform has it. */
    Optional<Info> info(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    /**
     * The class that declares method {@code name+descriptor} as seen from {@code owner}, or empty:
     * up the superclasses, then (JVMS 5.4.3.4, for an interface) {@code Object}'s public instance
     * methods, then the superinterfaces. So {@code list.toString()} through {@code List}, which
     * does not declare it, is {@code Object.toString}, and is judged as a call on an
     * {@code Object} is.
     */
    Optional<Info> resolveMethod(String owner, String name, String descriptor) {
        if (owner.startsWith("[")) {
            owner = "java/lang/Object"; // arrays have Object's methods (clone is public on arrays)
        }
        String key = name + descriptor;
        for (Info c = info(owner).orElse(null); c != null; c = superOf(c)) {
            if (c.methods().contains(key) || SIGNATURE_POLYMORPHIC.contains(c.name() + "." + name)) {
                return Optional.of(c);
            }
            if (c.isInterface() && OBJECT_PUBLIC_METHODS.contains(key)) {
                // a program's interface names Object as its superclass already; a JDK one, seen by reflection, does not
                return info("java/lang/Object");
            }
        }
        for (Info i : superInterfaces(owner)) {
            if (i.methods().contains(key)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The class that declares field {@code name} as seen from {@code owner}, or empty. */
    Optional<Info> resolveField(String owner, String name) {
        for (Info c = info(owner).orElse(null); c != null; c = superOf(c)) {
            if (c.instanceFields().containsKey(name) || c.staticFields().contains(name)) {
                return Optional.of(c);
            }
        }
        for (Info i : superInterfaces(owner)) {
            if (i.staticFields().contains(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code sub} is {@code sup} or extends or implements it, as far as the hierarchy is known. */
    boolean isSubtype(String sub, String sup) {
        if (sub.equals(sup)) {
            return true;
        }
        var seen = new HashSet<String>();
        var work = new ArrayDeque<String>();
        work.add(sub);
        while (!work.isEmpty()) {
            String next = work.poll();
            if (next.equals(sup)) {
                return true;
            }
            if (!seen.add(next)) {
                continue;
            }
            info(next).ifPresent(i -> {
                if (i.superName() != null) {
                    work.add(i.superName());
                }
                work.addAll(i.interfaces());
            });
        }
        return false;
    }

    /**
     * The verifier asks about many more classes than the rules do (every type it merges or checks
     * assignability against), and needs only their superclass and kind: answered without building
     * the full member sets that {@link #info} reflects on for a JDK class.
     */
    @Override
    public Optional<ClassShape> shape(String name) {
        return shapes.computeIfAbsent(name, this::loadShape);
    }

    private Optional<ClassShape> loadShape(String name) {
        ClassModel model = program.get(name);
        if (model != null) {
            if (!cycle(name).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ClassShape(name, model.superclass().map(ClassEntry::asInternalName).orElse(null),
                    model.flags().has(java.lang.reflect.AccessFlag.INTERFACE)));
        }
        if (name.startsWith("[")) {
            return Optional.empty();
        }
        Class<?> type = platformClass(name);
        if (type == null) {
            return Optional.empty();
        }
        Class<?> superclass = type.getSuperclass();
        return Optional.of(new ClassShape(name, superclass == null ? null : internal(superclass), type.isInterface()));
    }

    @Override
    public Optional<Header> header(String name) {
        return headers.computeIfAbsent(name, this::loadHeader);
    }

    @Override
    public InheritedFinals finals(String name) {
        return InheritedFinals.of(name, this::header, finals);
    }

    private Optional<Header> loadHeader(String name) {
        ClassModel model = program.get(name);
        if (model != null) {
            try {
                return cycle(name).isEmpty() ? Optional.of(programHeader(model)) : Optional.empty();
            } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException e) {
                return Optional.empty(); // its own format check refuses it; nothing can be judged against it
            }
        }
        Class<?> type = name.startsWith("[") ? null : platformClass(name);
        if (type == null) {
            return Optional.empty();
        }
        try {
            Set<String> finals = new HashSet<>();
            for (Method m : type.getDeclaredMethods()) {
                int flags = m.getModifiers();
                // package-private ones do not count: no program class shares a run-time package with the JDK
                if (Modifier.isFinal(flags) && !Modifier.isStatic(flags) && (Modifier.isPublic(flags) || Modifier.isProtected(flags))) {
                    finals.add(m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                            .toMethodDescriptorString());
                }
            }
            int flags = type.getModifiers(); // a member class's: a protected one is ACC_PUBLIC in its class file
            Class<?> superclass = type.getSuperclass();
            return Optional.of(new Header(name, superclass == null ? null : internal(superclass), type.isInterface(),
                    Modifier.isFinal(flags), Modifier.isPublic(flags) || Modifier.isProtected(flags),
                    type.getModule().isExported(type.getPackageName()), false,
                    type.isSealed() ? Optional.of(Set.of()) : Optional.empty(), Set.copyOf(finals), Set.of()));
        } catch (LinkageError e) {
            return Optional.empty();
        }
    }

    private static Header programHeader(ClassModel model) {
        Set<String> finals = new HashSet<>();
        Set<String> packageFinals = new HashSet<>();
        for (MethodModel m : model.methods()) {
            var flags = m.flags();
            if (flags.has(AccessFlag.FINAL) && !flags.has(AccessFlag.STATIC) && !flags.has(AccessFlag.PRIVATE)) {
                String key = m.methodName().stringValue() + m.methodType().stringValue();
                (flags.has(AccessFlag.PUBLIC) || flags.has(AccessFlag.PROTECTED) ? finals : packageFinals).add(key);
            }
        }
        Optional<Set<String>> permitted = model.majorVersion() < 61 ? Optional.empty()
                : model.findAttribute(Attributes.permittedSubclasses()).map(a -> a.permittedSubclasses().stream()
                        .map(ClassEntry::asInternalName).collect(Collectors.toUnmodifiableSet()));
        var flags = model.flags();
        return new Header(model.thisClass().asInternalName(), model.superclass().map(ClassEntry::asInternalName).orElse(null),
                flags.has(AccessFlag.INTERFACE), flags.has(AccessFlag.FINAL), flags.has(AccessFlag.PUBLIC), true, true,
                permitted, Set.copyOf(finals), Set.copyOf(packageFinals));
    }

    /**
     * Program classes only: the JDK's hierarchy has no cycle, and no JDK class names a program
     * class as its supertype. Found depth-first without recursion (a chain of supertypes may be as
     * long as the program is), each class the walk leaves remembered with the cycle it reaches.
     */
    @Override
    public List<String> cycle(String name) {
        List<String> known = cycles.get(name);
        if (known != null) {
            return known;
        }
        if (!program.containsKey(name)) {
            return List.of();
        }
        List<String> supertypes = programSupertypes(name);
        if (reachNoCycle(supertypes)) { // as most classes do whose supertypes were met before them: no walk
            cycles.put(name, List.of());
            return List.of();
        }
        List<String> path = new ArrayList<>();
        List<java.util.Iterator<String>> pending = new ArrayList<>();
        Map<String, Integer> depthOnPath = new HashMap<>();
        Map<String, List<String>> reached = new HashMap<>(); // the cycle found so far below each class on the path
        path.add(name);
        pending.add(supertypes.iterator());
        depthOnPath.put(name, 0);
        while (!path.isEmpty()) {
            int top = path.size() - 1;
            String current = path.get(top);
            java.util.Iterator<String> next = pending.get(top);
            if (next.hasNext()) {
                String supertype = next.next();
                Integer depth = depthOnPath.get(supertype);
                List<String> below = cycles.get(supertype);
                if (depth != null) {
                    List<String> cycle = new ArrayList<>(path.subList(depth, top + 1));
                    cycle.add(supertype);
                    reached.putIfAbsent(current, List.copyOf(cycle));
                } else if (below != null) {
                    if (!below.isEmpty()) {
                        reached.putIfAbsent(current, below);
                    }
                } else {
                    path.add(supertype);
                    pending.add(programSupertypes(supertype).iterator());
                    depthOnPath.put(supertype, path.size() - 1);
                }
                continue;
            }
            List<String> cycle = reached.getOrDefault(current, List.of());
            cycles.put(current, cycle);
            path.removeLast();
            pending.removeLast();
            depthOnPath.remove(current);
            if (!cycle.isEmpty() && top > 0) {
                reached.putIfAbsent(path.get(top - 1), cycle);
            }
        }
        return cycles.get(name);
    }

    /** Whether each of {@code classes} is known to reach no cycle (so a class with them as its supertypes reaches none). */
    private boolean reachNoCycle(List<String> classes) {
        for (String c : classes) {
            List<String> cycle = cycles.get(c);
            if (cycle == null || !cycle.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The program's classes among the superclass and interfaces of program class {@code name}. */
    private List<String> programSupertypes(String name) {
        ClassModel model = program.get(name);
        List<String> result = new ArrayList<>();
        try {
            model.superclass().map(ClassEntry::asInternalName).filter(program::containsKey).ifPresent(result::add);
            for (ClassEntry i : model.interfaces()) {
                if (program.containsKey(i.asInternalName())) {
                    result.add(i.asInternalName());
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // a class whose header cannot be read is refused by the format check; it leads nowhere here
        }
        return result;
    }

    @Override
    public Optional<String> protectedDeclarer(String owner, String name, String descriptor, boolean field) {
        Optional<Info> declarer = field ? resolveField(owner, name) : resolveMethod(owner, name, descriptor);
        return declarer.filter(d -> isProtectedMember(d.name(), name, descriptor, field)).map(Info::name);
    }

    /**
     * Static members count too: the JVM's verifier checks protected access for getfield, putfield,
     * invokevirtual and invokespecial whatever the member turns out to be (JVMS 4.10.1.8).
     */
    private boolean isProtectedMember(String owner, String name, String descriptor, boolean field) {
        ClassModel model = program.get(owner);
        if (model != null) {
            return field
                    ? model.fields().stream().anyMatch(f -> f.fieldName().equalsString(name)
                            && f.fieldType().equalsString(descriptor)
                            && f.flags().has(java.lang.reflect.AccessFlag.PROTECTED))
                    : model.methods().stream().anyMatch(m -> m.methodName().equalsString(name)
                            && m.methodType().equalsString(descriptor)
                            && m.flags().has(java.lang.reflect.AccessFlag.PROTECTED));
        }
        Class<?> type = platformClass(owner);
        if (type == null) {
            return false;
        }
        try {
            if (field) {
                Field declared = type.getDeclaredField(name);
                return Modifier.isProtected(declared.getModifiers()) && declared.getType().descriptorString().equals(descriptor);
            }
            if (name.equals("<init>")) {
                for (var c : type.getDeclaredConstructors()) {
                    if (Modifier.isProtected(c.getModifiers())
                            && MethodType.methodType(void.class, c.getParameterTypes()).toMethodDescriptorString().equals(descriptor)) {
                        return true;
                    }
                }
                return false;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(name) && Modifier.isProtected(m.getModifiers())
                        && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString()
                        .equals(descriptor)) {
                    return true;
                }
            }
            return false;
        } catch (NoSuchFieldException | LinkageError e) {
            return false;
        }
    }

    private static Class<?> platformClass(String name) {
        String binary = name.replace('/', '.');
        ClassLoader loader = binary.startsWith("singj.abi.") ? ClassHierarchy.class.getClassLoader()
                : ClassLoader.getPlatformClassLoader();
        try {
            return Class.forName(binary, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private Info superOf(Info c) {
        return c.superName() == null ? null : info(c.superName()).orElse(null);
    }

    private List<Info> superInterfaces(String owner) {
        var result = new ArrayList<Info>();
        var seen = new HashSet<String>();
        var work = new ArrayDeque<String>();
        for (Info c = info(owner).orElse(null); c != null; c = superOf(c)) {
            work.addAll(c.interfaces());
        }
        while (!work.isEmpty()) {
            String next = work.poll();
            if (seen.add(next)) {
                info(next).ifPresent(i -> {
                    result.add(i);
                    work.addAll(i.interfaces());
                });
            }
        }
        return result;
    }

    private Optional<Info> load(String name) {
        ClassModel model = program.get(name);
        if (model != null) {
            return cycle(name).isEmpty() ? Optional.of(fromModel(model)) : Optional.empty();
        }
        return fromPlatform(name);
    }

    private static Info fromModel(ClassModel model) {
        Set<String> methods = new HashSet<>();
        for (MethodModel m : model.methods()) {
            methods.add(m.methodName().stringValue() + m.methodType().stringValue());
        }
        Map<String, String> instanceFields = new java.util.LinkedHashMap<>();
        Set<String> staticFields = new HashSet<>();
        for (FieldModel f : model.fields()) {
            if (f.flags().has(java.lang.reflect.AccessFlag.STATIC)) {
                staticFields.add(f.fieldName().stringValue());
            } else {
                instanceFields.put(f.fieldName().stringValue(), f.fieldType().stringValue());
            }
        }
        return new Info(model.thisClass().asInternalName(),
                model.superclass().map(ClassEntry::asInternalName).orElse(null),
                model.interfaces().stream().map(ClassEntry::asInternalName).toList(),
                model.flags().has(java.lang.reflect.AccessFlag.INTERFACE), true,
                Set.copyOf(methods), Map.copyOf(instanceFields), Set.copyOf(staticFields));
    }

    private static Optional<Info> fromPlatform(String name) {
        if (name.startsWith("[")) {
            return Optional.empty();
        }
        String binary = name.replace('/', '.');
        ClassLoader loader = binary.startsWith("singj.abi.") ? ClassHierarchy.class.getClassLoader()
                : ClassLoader.getPlatformClassLoader();
        Class<?> type;
        try {
            type = Class.forName(binary, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        try {
            Set<String> methods = new HashSet<>();
            for (Method m : type.getDeclaredMethods()) {
                methods.add(m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
            }
            for (var c : type.getDeclaredConstructors()) {
                methods.add("<init>" + MethodType.methodType(void.class, c.getParameterTypes()).toMethodDescriptorString());
            }
            Map<String, String> instanceFields = new java.util.LinkedHashMap<>();
            Set<String> staticFields = new HashSet<>();
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    staticFields.add(f.getName());
                } else {
                    instanceFields.put(f.getName(), f.getType().descriptorString());
                }
            }
            Class<?> superclass = type.getSuperclass();
            return Optional.of(new Info(name, superclass == null ? null : internal(superclass),
                    java.util.Arrays.stream(type.getInterfaces()).map(ClassHierarchy::internal).toList(),
                    type.isInterface(), false, Set.copyOf(methods), Map.copyOf(instanceFields), Set.copyOf(staticFields)));
        } catch (LinkageError e) {
            return Optional.empty();
        }
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
