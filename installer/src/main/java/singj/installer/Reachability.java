package singj.installer;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import singj.abi.runtime.AsyncCalls;
import singj.installer.surface.JdkCallbacks;

/**
 * Which methods of a program can ever run, found by rapid type analysis from its entry points, as
 * Singularity's installer compiled the whole program and dropped what was unused. Only these must
 * obey the SIP's API rules; the sealer replaces the body of every other method by a throw, so
 * that code nobody checked can never run, however the analysis errs: an error here costs a
 * program a clear run-time error ({@link #REMOVED}), never the SIP's isolation.
 *
 * <p>A method is reached when reachable code calls it directly (static, constructor, super and
 * private calls, resolved up the program's hierarchy), or calls its signature virtually and an
 * instance of its class or a subclass is created in reachable code, or a lambda or method
 * reference names it; a lambda counts as an instance of its functional interface, whose default
 * methods it inherits. Such an instance's override of a method of a JDK supertype is reached when
 * JDK code that calls it is ({@link JdkCalls}): {@code toString}, {@code compareTo} or a thread's
 * {@code run} by any program, {@code parallelStream} only once reachable code, or JDK code it
 * reaches, calls it. A class's static initialiser is reached when reachable code touches the
 * class; an enum's {@code values} and {@code valueOf}, which the JDK calls by reflection
 * ({@code EnumSet.allOf}, {@code Enum.valueOf}), with it or with its class constant. Contract
 * classes are kept whole: the kernel builds their messages.
 *
 * <p>Reflection over the program's own classes ({@code singj.abi.runtime.ReflectionCalls}) runs
 * methods no bytecode calls: a data-binding library calls a record's accessors and a bean's
 * setters it found by name. Once reachable code reflects over members, the classes it can reach
 * that way are kept whole, with every method: the program classes named by class constants
 * ({@code Foo.class}) and by string constants ({@code Class.forName("demo.Foo")}) in reachable
 * code, those the manifest lists ({@code SingJ-Reflect}), and, from each kept class, the types of
 * its fields and of its methods' parameters and results, type arguments included ({@code List<Item>}),
 * as a binding library walks them. A method reached only by a name built at run time is still
 * dropped; calling it throws {@link #REMOVED} with its name, and the manifest list is the remedy.
 * Once reachable code loads resource bundles ({@code ResourceBundle.getBundle}, the program's own
 * only: {@code singj.abi.runtime.ResourceCalls}), the program's bundle classes are kept the same way;
 * once it loads services ({@code ServiceLoader.load}: {@code singj.abi.runtime.ServiceCalls}), the
 * provider classes its {@code META-INF/services} files name.
 */
final class Reachability {
    /** The message of the error an unreachable method's body throws instead. */
    static final String REMOVED = "removed at install: the installer found no path from the program's entry points to ";

    private final Map<String, ClassModel> program;
    private final ClassHierarchy hierarchy;
    private final Set<String> reached = new LinkedHashSet<>();
    private final Deque<MethodKey> work = new ArrayDeque<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> instantiated = new LinkedHashSet<>();
    /** Every type an instance created so far has: its class and the program's types above it. */
    private final Set<String> instantiatedOrAbove = new HashSet<>();
    private final Set<String> virtualSignatures = new HashSet<>();
    /** The program's instance methods by {@code name+descriptor}: who may answer a virtual call. */
    private final Map<String, List<MethodKey>> instanceMethods = new HashMap<>();
    /** Overrides of JDK methods in instantiated classes, by signature, until JDK code that calls them is reached. */
    private final Map<String, List<MethodKey>> awaitingCallback = new HashMap<>();
    private final JdkCalls jdk;
    /** Whether reachable code reflects over members of classes (see the class comment). */
    private boolean reflects;
    /**
     * Whether reachable code loads resource bundles ({@code ResourceBundle.getBundle}, redirected to
     * ResourceCalls): then the program's bundle classes are kept, which are found by a name built
     * from the base name and a locale ({@code Messages_fr}), never by a constant.
     */
    private boolean loadsBundles;
    /**
     * Whether reachable code loads services ({@code ServiceLoader.load}, redirected to ServiceCalls):
     * then the provider classes the program's {@code META-INF/services} files name are kept, which
     * ServiceCalls instantiates by their names.
     */
    private boolean loadsServices;
    /** The program classes its {@code META-INF/services} files name (internal names). */
    private final Set<String> serviceProviders = new LinkedHashSet<>();
    /** Program classes named by class or string constants in reachable code: what reflection can find by name. */
    private final Set<String> named = new LinkedHashSet<>();
    /** Program classes kept whole for reflection. */
    private final Set<String> keptForReflection = new HashSet<>();

    /** The members of {@code Class} that hand out members of a class (redirected to ReflectionCalls). */
    private static final Set<String> REFLECTIVE = Set.of("getDeclaredFields", "getDeclaredField", "getFields",
            "getField", "getDeclaredMethods", "getDeclaredMethod", "getMethods", "getMethod", "getDeclaredConstructors",
            "getDeclaredConstructor", "getConstructors", "getConstructor", "getRecordComponents");
    /** What only serialization calls, which a SIP cannot use (allowlist.txt): not kept for reflection. */
    private static final Set<String> SERIALIZATION_HOOKS = Set.of("writeObject(Ljava/io/ObjectOutputStream;)V",
            "readObject(Ljava/io/ObjectInputStream;)V", "readObjectNoData()V");
    private static final java.util.regex.Pattern CLASS_IN_SIGNATURE = java.util.regex.Pattern.compile("L([^;<>:]+)[;<]");

    private record MethodKey(String owner, MethodModel method) {}

    private Reachability(Map<String, ClassModel> program, ClassHierarchy hierarchy, JdkCallbacks callbacks) {
        this.program = program;
        this.hierarchy = hierarchy;
        this.jdk = new JdkCalls(hierarchy, callbacks, this::calledBack);
        program.forEach((owner, model) -> {
            for (MethodModel method : model.methods()) {
                if (isInstanceMethod(method)) {
                    instanceMethods.computeIfAbsent(method.methodName().stringValue() + method.methodType().stringValue(),
                            signature -> new ArrayList<>()).add(new MethodKey(owner, method));
                }
            }
        });
    }

    /**
     * What can run.
     *
     * @param methods the reachable methods, as {@code owner.name+descriptor} keys (see {@link #key})
     * @param classes the classes (internal names) reachable code initialises or creates: only
     *     their supertypes matter, since no instance of any other class can exist
     */
    record Reached(Set<String> methods, Set<String> classes) {
        boolean reaches(String owner, MethodModel method) {
            return methods.contains(key(owner, method));
        }

        /** As {@link #reaches(String, MethodModel)}, the method given by its name and descriptor. */
        boolean reaches(String owner, String methodNameAndDescriptor) {
            return methods.contains(owner + "." + methodNameAndDescriptor);
        }
    }

    /**
     * What is reachable from the entry points: {@code mainClass}'s {@code main} and its other
     * public static methods, which an embedding application may call ({@code Sip.staticEntry}).
     *
     * @param keptWhole classes (binary names) whose every method counts as reached
     * @param reflected classes (binary names) the manifest says are reached by reflection
     */
    static Reached of(Map<String, ClassModel> program, ClassHierarchy hierarchy, String mainClass,
                      Set<String> keptWhole, Set<String> reflected) {
        return of(program, hierarchy, mainClass, keptWhole, reflected, Set.of());
    }

    /**
     * As {@link #of(Map, ClassHierarchy, String, Set, Set)}, with the classes (binary names) the
     * program's service configuration files name: kept once reachable code loads services.
     */
    static Reached of(Map<String, ClassModel> program, ClassHierarchy hierarchy, String mainClass,
                      Set<String> keptWhole, Set<String> reflected, Set<String> serviceProviders) {
        Reachability analysis = new Reachability(program, hierarchy, JdkCallbacks.standard());
        serviceProviders.forEach(name -> analysis.serviceProviders.add(name.replace('.', '/')));
        String main = mainClass.replace('.', '/');
        ClassModel mainModel = program.get(main);
        if (mainModel != null) {
            analysis.touch(main);
            for (MethodModel method : mainModel.methods()) {
                if (method.methodName().equalsString("main") || isPublicStatic(method)) {
                    analysis.reach(main, method);
                    if (!method.flags().has(AccessFlag.STATIC)) {
                        analysis.instantiate(main); // an instance main: the launcher creates the object
                    }
                }
            }
        }
        for (String kept : keptWhole) {
            String internal = kept.replace('.', '/');
            ClassModel model = program.get(internal);
            if (model != null) {
                analysis.instantiate(internal);
                model.methods().forEach(method -> analysis.reach(internal, method));
            }
        }
        reflected.forEach(name -> analysis.named.add(name.replace('.', '/')));
        analysis.run();
        while (analysis.keepReflected(!reflected.isEmpty())) {
            analysis.run();
        }
        return new Reached(Set.copyOf(analysis.reached), Set.copyOf(analysis.touched));
    }

    static Reached of(Map<String, ClassModel> program, ClassHierarchy hierarchy, String mainClass, Set<String> keptWhole) {
        return of(program, hierarchy, mainClass, keptWhole, Set.of());
    }

    /**
     * Keeps whole the classes reflection can reach by name, and the types their members name;
     * whether any was new (then their code must be scanned, and may name more).
     */
    private boolean keepReflected(boolean listed) {
        if (loadsServices) {
            named.addAll(serviceProviders);
        }
        if (loadsBundles) {
            for (String type : program.keySet()) {
                if (hierarchy.isSubtype(type, "java/util/ResourceBundle")) {
                    named.add(type);
                }
            }
        }
        if (!reflects && !listed && !loadsBundles && !loadsServices) {
            return false;
        }
        Deque<String> pending = new ArrayDeque<>(named);
        boolean kept = false;
        while (!pending.isEmpty()) {
            String type = pending.poll();
            ClassModel model = program.get(type);
            if (model == null || !keptForReflection.add(type)) {
                continue;
            }
            kept = true;
            if (!model.flags().has(AccessFlag.INTERFACE) && !model.flags().has(AccessFlag.ABSTRACT)) {
                instantiate(type);
            }
            touch(type);
            model.methods().stream().filter(method -> !SERIALIZATION_HOOKS.contains(
                    method.methodName().stringValue() + method.methodType().stringValue()))
                    .forEach(method -> reach(type, method));
            model.superclass().ifPresent(s -> pending.add(s.asInternalName()));
            for (var field : model.fields()) {
                namedIn(field.fieldType().stringValue(), pending);
                field.findAttribute(java.lang.classfile.Attributes.signature())
                        .ifPresent(signature -> namedIn(signature.signature().stringValue(), pending));
            }
            for (MethodModel method : model.methods()) {
                namedIn(method.methodType().stringValue(), pending);
                method.findAttribute(java.lang.classfile.Attributes.signature())
                        .ifPresent(signature -> namedIn(signature.signature().stringValue(), pending));
            }
            model.findAttribute(java.lang.classfile.Attributes.signature()) // TypeToken<List<Item>>'s Item
                    .ifPresent(signature -> namedIn(signature.signature().stringValue(), pending));
        }
        return kept;
    }

    private void namedIn(String descriptorOrSignature, Deque<String> pending) {
        var matcher = CLASS_IN_SIGNATURE.matcher(descriptorOrSignature);
        while (matcher.find()) {
            if (program.containsKey(matcher.group(1))) {
                pending.add(matcher.group(1));
            }
        }
    }

    static String key(String owner, MethodModel method) {
        return owner + "." + method.methodName().stringValue() + method.methodType().stringValue();
    }

    private void run() {
        while (!work.isEmpty()) {
            MethodKey next = work.pop();
            next.method().code().ifPresent(code -> {
                for (CodeElement element : code) {
                    scan(element);
                }
            });
        }
    }

    private void scan(CodeElement element) {
        switch (element) {
            case InvokeInstruction invoke -> {
                String owner = invoke.owner().asInternalName();
                String signature = invoke.name().stringValue() + invoke.type().stringValue();
                switch (invoke.opcode()) {
                    case INVOKESTATIC -> {
                        touch(owner);
                        reachDeclared(owner, signature);
                    }
                    case INVOKESPECIAL -> reachDeclared(owner, signature);
                    default -> { // invokevirtual, invokeinterface: whatever an instance may run
                        reachDeclared(owner, signature); // private and final methods of the owner itself
                        callVirtually(signature);
                        jdk.virtual(signature); // the receiver may be the JDK's, or inherit a JDK method
                    }
                }
                callsOutside(owner, invoke.name().stringValue(), invoke.type().stringValue(),
                        invoke.opcode() == Opcode.INVOKESPECIAL);
            }
            case FieldInstruction field -> touch(field.owner().asInternalName());
            case NewObjectInstruction creation -> instantiate(creation.className().asInternalName());
            case ConstantInstruction.LoadConstantInstruction load -> {
                if (load.constantEntry() instanceof ClassEntry type) {
                    if (isEnum(type.asInternalName())) {
                        touch(type.asInternalName()); // EnumSet.allOf(E.class) calls E.values() by reflection
                    }
                    if (program.containsKey(type.asInternalName())) {
                        named.add(type.asInternalName());
                    }
                } else if (load.constantEntry() instanceof java.lang.classfile.constantpool.StringEntry text) {
                    String internal = text.stringValue().replace('.', '/');
                    if (program.containsKey(internal)) {
                        named.add(internal); // Class.forName("demo.Foo")
                    }
                }
            }
            case InvokeDynamicInstruction indy -> {
                // what a lambda or method reference runs stands among the top-level arguments; nested
                // constants may call only JDK factories (BootstrapArguments), and are not read as
                // symbols here, which follows them without limit
                for (var argument : indy.invokedynamic().bootstrap().arguments()) {
                    if (argument instanceof MethodHandleEntry handle) {
                        reachNamedBy(handle.asSymbol());
                        namedOutside(handle.asSymbol());
                    }
                }
                if (indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/invoke/LambdaMetafactory;")) {
                    // the JDK creates an object of the functional interface: its default methods can run
                    String made = indy.typeSymbol().returnType().descriptorString();
                    if (made.startsWith("L")) {
                        instantiate(made.substring(1, made.length() - 1));
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * A call that links to a method outside the program: the JDK code it runs, or the SIP
     * runtime's method the sealer puts in its place (and the constructors it rewrites), may call
     * the program's overrides back.
     */
    private void callsOutside(String owner, String name, String descriptor, boolean special) {
        var declaring = hierarchy.resolveMethod(owner, name, descriptor).filter(d -> !d.program());
        if (declaring.isEmpty()) {
            return;
        }
        String declaringName = declaring.get().name();
        if (declaringName.equals("java/lang/Class") && REFLECTIVE.contains(name)) {
            reflects = true;
        }
        if (declaringName.equals("java/util/ResourceBundle") && name.equals("getBundle")) {
            loadsBundles = true;
        }
        if (declaringName.equals("java/util/ServiceLoader") && name.startsWith("load")) {
            loadsServices = true;
        }
        jdk.call(declaringName, name + descriptor);
        (special ? Redirects.superCall(hierarchy, declaringName, name, descriptor)
                : Redirects.method(hierarchy, owner, declaringName, name, descriptor)).ifPresent(jdk::redirect);
        if (name.equals("<init>") && PoolConstructors.rewrites(declaringName, descriptor)) {
            jdk.runtimeClass(AsyncCalls.Constructors.class);
        }
    }

    /** A method handle among an {@code invokedynamic}'s arguments that names a method outside the program. */
    private void namedOutside(DirectMethodHandleDesc handle) {
        String owner = handle.owner().descriptorString();
        if (owner.startsWith("L") && !program.containsKey(owner.substring(1, owner.length() - 1))) {
            jdk.named(handle);
            Redirects.ofHandle(hierarchy, handle).ifPresent(jdk::redirect);
        }
    }

    /** A lambda's body or a method reference, among an {@code invokedynamic}'s bootstrap arguments. */
    private void reachNamedBy(DirectMethodHandleDesc handle) {
        String owner = handle.owner().descriptorString();
        if (!owner.startsWith("L")) {
            return;
        }
        owner = owner.substring(1, owner.length() - 1);
        String signature = handle.methodName() + handle.lookupDescriptor();
        switch (handle.kind()) {
            case CONSTRUCTOR -> {
                instantiate(owner);
                reachDeclared(owner, "<init>" + handle.lookupDescriptor());
            }
            case STATIC, INTERFACE_STATIC -> {
                touch(owner);
                reachDeclared(owner, signature);
            }
            case VIRTUAL, INTERFACE_VIRTUAL -> {
                reachDeclared(owner, signature);
                callVirtually(signature);
            }
            case SPECIAL, INTERFACE_SPECIAL -> reachDeclared(owner, signature);
            default -> touch(owner); // a field getter or setter
        }
    }

    private boolean isEnum(String owner) {
        ClassModel model = program.get(owner);
        return model != null && model.superclass().map(s -> s.asInternalName().equals("java/lang/Enum")).orElse(false);
    }

    /** Static initialisation of {@code owner} and its supertypes; an enum's methods the JDK calls. */
    private void touch(String owner) {
        ClassModel model = program.get(owner);
        if (model == null || !touched.add(owner)) {
            return;
        }
        boolean isEnum = isEnum(owner);
        for (MethodModel method : model.methods()) {
            String name = method.methodName().stringValue();
            if (name.equals("<clinit>") || isEnum && (name.equals("values") || name.equals("valueOf"))
                    && method.flags().has(AccessFlag.STATIC)) {
                reach(owner, method);
            }
        }
        model.superclass().ifPresent(s -> touch(s.asInternalName()));
        model.interfaces().forEach(i -> touch(i.asInternalName()));
    }

    private void instantiate(String owner) {
        if (!program.containsKey(owner) || !instantiated.add(owner)) {
            return;
        }
        touch(owner);
        List<String> types = selfAndProgramSupertypes(owner);
        List<String> jdkTypes = jdkSupertypes(types);
        for (String type : types) {
            instantiatedOrAbove.add(type);
            for (MethodModel method : program.get(type).methods()) {
                if (isInstanceMethod(method)) {
                    String signature = method.methodName().stringValue() + method.methodType().stringValue();
                    if (virtualSignatures.contains(signature)) {
                        reach(type, method);
                    } else if (declaresAny(jdkTypes, method)) {
                        if (jdk.mayCallBack(signature)) {
                            reach(type, method);
                        } else {
                            awaitingCallback.computeIfAbsent(signature, k -> new ArrayList<>()).add(new MethodKey(type, method));
                        }
                    }
                }
            }
        }
    }

    private void callVirtually(String signature) {
        if (!virtualSignatures.add(signature)) {
            return;
        }
        for (MethodKey candidate : instanceMethods.getOrDefault(signature, List.of())) {
            if (instantiatedOrAbove.contains(candidate.owner())) {
                reach(candidate.owner(), candidate.method());
            }
        }
    }

    /** JDK code that calls {@code signature} back is reached: the overrides waiting for it can run. */
    private void calledBack(String signature) {
        List<MethodKey> waiting = awaitingCallback.remove(signature);
        if (waiting != null) {
            waiting.forEach(override -> reach(override.owner(), override.method()));
        }
    }

    /** The method {@code signature} as the JVM resolves it from {@code owner}, if the program declares it. */
    private void reachDeclared(String owner, String signature) {
        Deque<String> types = new ArrayDeque<>(List.of(owner));
        Set<String> seen = new HashSet<>();
        while (!types.isEmpty()) {
            String type = types.poll();
            ClassModel model = program.get(type);
            if (model == null || !seen.add(type)) {
                continue;
            }
            for (MethodModel method : model.methods()) {
                if (signature.equals(method.methodName().stringValue() + method.methodType().stringValue())) {
                    reach(type, method);
                    return;
                }
            }
            model.superclass().ifPresent(s -> types.add(s.asInternalName()));
            model.interfaces().forEach(i -> types.add(i.asInternalName()));
        }
    }

    /** The JDK classes and interfaces directly above {@code programTypes}: their methods are what the JDK may call. */
    private List<String> jdkSupertypes(List<String> programTypes) {
        List<String> jdkTypes = new ArrayList<>();
        for (String type : programTypes) {
            ClassModel model = program.get(type);
            model.superclass().map(ClassEntry::asInternalName).filter(s -> !program.containsKey(s)).ifPresent(jdkTypes::add);
            model.interfaces().stream().map(ClassEntry::asInternalName).filter(i -> !program.containsKey(i))
                    .forEach(jdkTypes::add);
        }
        return jdkTypes;
    }

    /** Whether one of {@code jdkTypes} declares or inherits {@code method}: then the JDK may call it. */
    private boolean declaresAny(List<String> jdkTypes, MethodModel method) {
        String name = method.methodName().stringValue();
        String descriptor = method.methodType().stringValue();
        for (String type : jdkTypes) {
            if (hierarchy.resolveMethod(type, name, descriptor).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** {@code owner} and every program class and interface above it. */
    private List<String> selfAndProgramSupertypes(String owner) {
        List<String> result = new ArrayList<>();
        Deque<String> types = new ArrayDeque<>(List.of(owner));
        while (!types.isEmpty()) {
            String type = types.poll();
            ClassModel model = program.get(type);
            if (model != null && !result.contains(type)) {
                result.add(type);
                model.superclass().ifPresent(s -> types.add(s.asInternalName()));
                model.interfaces().forEach(i -> types.add(i.asInternalName()));
            }
        }
        return result;
    }

    private static boolean isPublicStatic(MethodModel method) {
        return method.flags().has(AccessFlag.PUBLIC) && method.flags().has(AccessFlag.STATIC)
                && !method.methodName().equalsString("<clinit>");
    }

    private static boolean isInstanceMethod(MethodModel method) {
        return !method.flags().has(AccessFlag.STATIC) && !method.methodName().stringValue().startsWith("<");
    }

    private void reach(String owner, MethodModel method) {
        if (reached.add(key(owner, method))) {
            work.push(new MethodKey(owner, method));
        }
    }
}
