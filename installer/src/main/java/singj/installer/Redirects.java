package singj.installer;

import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import singj.abi.runtime.AsyncCalls;
import singj.abi.runtime.LocaleCalls;
import singj.abi.runtime.LoggingCalls;
import singj.abi.runtime.ParallelCalls;
import singj.abi.runtime.ReflectionCalls;
import singj.abi.runtime.ResourceCalls;
import singj.abi.runtime.ServiceCalls;
import singj.abi.runtime.SipCalls;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.SipGlue;
import singj.abi.runtime.StaticOf;
import singj.abi.runtime.StreamCalls;
import singj.abi.runtime.VarHandleCalls;
import singj.abi.runtime.files.FileCalls;

/**
 * Where the installer sends a JDK call or field read that would touch JVM-wide state: to the
 * SIP's own version in {@link SipCalls}, which takes the calling SIP's context (from its own
 * {@link SipGlue}) last. A redirected instance method becomes a static method taking the
 * receiver first, so the operand stack stays as it was.
 *
 * <p>The work the JDK would hand to its common pool or its delay-scheduler thread goes to the
 * SIP's own pool and timer: {@link AsyncCalls} ({@code CompletableFuture}, {@code ForkJoinTask}),
 * {@link StreamCalls} (the terminal operations of parallel streams) and {@link ParallelCalls}
 * ({@code Arrays.parallel*}, {@code ConcurrentHashMap}'s bulk operations). Those classes are
 * read as they are: each public method there redirects the JDK member of the same name and
 * parameters (see {@link StaticOf}).
 */
final class Redirects {
    static final ClassDesc GLUE = ClassDesc.of(SipGlue.class.getName());
    static final ClassDesc CALLS = ClassDesc.of(SipCalls.class.getName());
    static final ClassDesc CONTEXT = ClassDesc.of(SipContext.class.getName());

    /**
     * A call to {@code SipCalls.name}: {@code type} is the call's shape at the site (what the
     * replaced operation took and returned); {@code takesContext} says whether the SIP's context
     * is passed after those arguments.
     */
    record Target(ClassDesc owner, String name, MethodTypeDesc type, boolean takesContext, boolean takesLookup) {
        Target(ClassDesc owner, String name, MethodTypeDesc type, boolean takesContext) {
            this(owner, name, type, takesContext, false);
        }

        /** The descriptor of the {@code SipCalls} method. */
        MethodTypeDesc callType() {
            MethodTypeDesc call = takesLookup ? type.insertParameterTypes(type.parameterCount(), LOOKUP) : type;
            return takesContext ? call.insertParameterTypes(call.parameterCount(), CONTEXT) : call;
        }
    }

    /**
     * A redirect whose parameter before the context is a {@code MethodHandles.Lookup} is passed the
     * calling class's own full-privilege lookup, made where the call was ({@code MethodHandles.lookup()}
     * in the program's class): for a caller-sensitive JDK method, which the redirect calls through a
     * handle found with it, so that the JDK sees the program's class as its caller, as under {@code java}.
     */
    static final ClassDesc LOOKUP = ClassDesc.of("java.lang.invoke.MethodHandles$Lookup");

    /** Redirected when the call resolves to exactly this declaring class, name and descriptor. */
    private static final Map<String, Target> EXACT = new HashMap<>();
    /** Redirected when the call's declaring class is a subtype of the key's class. */
    private record BySubtype(String supertype, String nameAndDescriptor, Target target) {}

    /** The redirects by subtype, by the member's name and descriptor. */
    private static final Map<String, List<BySubtype>> BY_SUBTYPE = new HashMap<>();

    /**
     * Redirects of a method a final JDK class inherits, by the class the call names: the call's
     * class is then the receiver's ({@code serviceLoader.forEach(...)} resolves to
     * {@code Iterable.forEach}, which no other receiver may be sent to the redirect for).
     */
    private static final Map<String, Target> AT_SITE = new HashMap<>();

    private static final List<BySubtype> BLOCKING_BY_SUBTYPE = List.of(
            new BySubtype("java/util/concurrent/locks/Lock", "lock()V",
                    glue("lock", "(Ljava/util/concurrent/locks/Lock;)V")),
            new BySubtype("java/util/concurrent/locks/Condition", "awaitUninterruptibly()V",
                    glue("awaitUninterruptibly", "(Ljava/util/concurrent/locks/Condition;)V")),
            new BySubtype("java/util/concurrent/Semaphore", "acquireUninterruptibly()V",
                    glue("acquireUninterruptibly", "(Ljava/util/concurrent/Semaphore;)V")),
            new BySubtype("java/util/concurrent/Semaphore", "acquireUninterruptibly(I)V",
                    glue("acquireUninterruptibly", "(Ljava/util/concurrent/Semaphore;I)V")),
            new BySubtype("java/util/concurrent/Phaser", "awaitAdvance(I)I",
                    glue("awaitAdvance", "(Ljava/util/concurrent/Phaser;I)I")),
            new BySubtype("java/util/concurrent/CompletableFuture", "join()Ljava/lang/Object;",
                    glue("join", "(Ljava/util/concurrent/CompletableFuture;)Ljava/lang/Object;")));

    static {
        BLOCKING_BY_SUBTYPE.forEach(Redirects::bySubtype);
        for (Class<?> calls : List.of(AsyncCalls.class, StreamCalls.class, ParallelCalls.class, LocaleCalls.class,
                ReflectionCalls.class, LoggingCalls.class, ResourceCalls.class, FileCalls.class, ServiceCalls.class,
                VarHandleCalls.class)) {
            readRedirects(calls);
        }
        String sys = "java/lang/System.";
        same(sys + "exit(I)V");
        same(sys + "getProperty(Ljava/lang/String;)Ljava/lang/String;");
        same(sys + "getProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
        same(sys + "getProperties()Ljava/util/Properties;");
        same(sys + "getenv(Ljava/lang/String;)Ljava/lang/String;");
        same(sys + "getenv()Ljava/util/Map;");
        EXACT.put(sys + "identityHashCode(Ljava/lang/Object;)I",
                new Target(CALLS, "identityHashCode", MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;)I"), false));
        same(sys + "gc()V");
        EXACT.put("java/lang/Runtime.exit(I)V", glue("exit", "(Ljava/lang/Runtime;I)V"));
        EXACT.put("java/lang/Runtime.gc()V", glue("gc", "(Ljava/lang/Runtime;)V"));
        EXACT.put("java/lang/Throwable.printStackTrace()V", glue("printStackTrace", "(Ljava/lang/Throwable;)V"));
        // a trace the program prints or reads itself shows no kernel frames below main, as under java
        EXACT.put("java/lang/Throwable.printStackTrace(Ljava/io/PrintStream;)V",
                glue("printStackTrace", "(Ljava/lang/Throwable;Ljava/io/PrintStream;)V"));
        EXACT.put("java/lang/Throwable.printStackTrace(Ljava/io/PrintWriter;)V",
                glue("printStackTrace", "(Ljava/lang/Throwable;Ljava/io/PrintWriter;)V"));
        EXACT.put("java/lang/Throwable.getStackTrace()[Ljava/lang/StackTraceElement;",
                glue("getStackTrace", "(Ljava/lang/Throwable;)[Ljava/lang/StackTraceElement;"));
        EXACT.put("java/lang/ProcessHandle.current()Ljava/lang/ProcessHandle;",
                glue("currentProcess", "()Ljava/lang/ProcessHandle;"));
        same("java/lang/Thread.dumpStack()V");
        same("java/lang/Thread.startVirtualThread(Ljava/lang/Runnable;)Ljava/lang/Thread;");
        EXACT.put("java/lang/Thread$Builder.start(Ljava/lang/Runnable;)Ljava/lang/Thread;",
                glue("builderStart", "(Ljava/lang/Thread$Builder;Ljava/lang/Runnable;)Ljava/lang/Thread;"));
        EXACT.put("java/lang/Thread$Builder.unstarted(Ljava/lang/Runnable;)Ljava/lang/Thread;",
                glue("builderUnstarted", "(Ljava/lang/Thread$Builder;Ljava/lang/Runnable;)Ljava/lang/Thread;"));
        EXACT.put("java/lang/Thread$Builder.factory()Ljava/util/concurrent/ThreadFactory;",
                glue("builderFactory", "(Ljava/lang/Thread$Builder;)Ljava/util/concurrent/ThreadFactory;"));
        String ex = "java/util/concurrent/Executors.";
        String tf = "Ljava/util/concurrent/ThreadFactory;";
        String es = "Ljava/util/concurrent/ExecutorService;";
        String ses = "Ljava/util/concurrent/ScheduledExecutorService;";
        same(ex + "newFixedThreadPool(I)" + es);
        same(ex + "newFixedThreadPool(I" + tf + ")" + es);
        same(ex + "newCachedThreadPool()" + es);
        same(ex + "newCachedThreadPool(" + tf + ")" + es);
        same(ex + "newSingleThreadExecutor()" + es);
        same(ex + "newSingleThreadExecutor(" + tf + ")" + es);
        same(ex + "newScheduledThreadPool(I)" + ses);
        same(ex + "newScheduledThreadPool(I" + tf + ")" + ses);
        same(ex + "newSingleThreadScheduledExecutor()" + ses);
        same(ex + "newSingleThreadScheduledExecutor(" + tf + ")" + ses);
        same(ex + "newVirtualThreadPerTaskExecutor()" + es);
        same(ex + "newThreadPerTaskExecutor(" + tf + ")" + es);
        same(ex + "defaultThreadFactory()" + tf);
        for (String wait : List.of("wait()V", "wait(J)V", "wait(JI)V", "notify()V", "notifyAll()V")) {
            String name = wait.substring(0, wait.indexOf('('));
            EXACT.put("java/lang/Object." + wait, new Target(CALLS, name,
                    MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;" + wait.substring(wait.indexOf('(') + 1)), false));
        }
    }

    /** Fields of {@code java.lang.System} read through the SIP's glue. */
    private static final Map<String, Target> FIELDS = Map.of(
            "out", glue("out", "()Ljava/io/PrintStream;"),
            "err", glue("err", "()Ljava/io/PrintStream;"),
            "in", glue("in", "()Ljava/io/InputStream;"));

    private Redirects() {}

    /**
     * Calls to a superclass's method that must not become the redirect of the virtual call:
     * {@code super.defaultExecutor()} in a program's subclass of {@code CompletableFuture} would
     * ask the future for its executor, which calls the subclass's override again, for ever.
     */
    private static final Map<String, Target> SUPER_CALLS = Map.of(
            "java/util/concurrent/CompletableFuture.defaultExecutor()Ljava/util/concurrent/Executor;",
            new Target(ClassDesc.of(AsyncCalls.SuperCalls.class.getName()), "defaultExecutor",
                    MethodTypeDesc.ofDescriptor(
                            "(Ljava/util/concurrent/CompletableFuture;)Ljava/util/concurrent/Executor;"), true));

    /** The call replacing {@code invokespecial declaring.name descriptor} (a call to a superclass's method). */
    static Optional<Target> superCall(ClassHierarchy hierarchy, String declaring, String name, String descriptor) {
        Target special = SUPER_CALLS.get(declaring + "." + name + descriptor);
        return special != null ? Optional.of(special) : method(hierarchy, declaring, name, descriptor);
    }

    /**
     * The call replacing a call that names {@code site.name descriptor} and resolved to
     * {@code declaring}: a redirect of the method as the final class {@code site} inherits it,
     * else {@link #method(ClassHierarchy, String, String, String)}.
     */
    static Optional<Target> method(ClassHierarchy hierarchy, String site, String declaring, String name,
            String descriptor) {
        Target inherited = AT_SITE.get(site + "." + name + descriptor);
        return inherited != null ? Optional.of(inherited) : method(hierarchy, declaring, name, descriptor);
    }

    /** The glue call replacing a call that resolved to {@code declaring.name descriptor}. */
    static Optional<Target> method(ClassHierarchy hierarchy, String declaring, String name, String descriptor) {
        Target exact = EXACT.get(declaring + "." + name + descriptor);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (BySubtype rule : BY_SUBTYPE.getOrDefault(name + descriptor, List.of())) {
            if (hierarchy.isSubtype(declaring, rule.supertype())) {
                return Optional.of(rule.target());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the sealer points a handle of this kind at the SIP's own version when it names a
     * redirected method: lambda bodies and method references, which javac makes of these kinds
     * only. Every other handle that names a redirected member is refused instead (SipRules): it
     * would reach the JVM's own, and javac never makes one (a reference to a field, or to a
     * super method, becomes a lambda body that reads or calls it, and that is redirected).
     */
    static boolean rewritesHandle(DirectMethodHandleDesc.Kind kind) {
        return switch (kind) {
            case STATIC, INTERFACE_STATIC, VIRTUAL, INTERFACE_VIRTUAL -> true;
            default -> false;
        };
    }

    /**
     * The redirect of the JDK member {@code handle} names, whatever the handle's kind: what a call
     * of the method, or a read of the static field, becomes.
     */
    static Optional<Target> ofHandle(ClassHierarchy hierarchy, DirectMethodHandleDesc handle) {
        String owner = handle.owner().descriptorString();
        if (!owner.startsWith("L")) {
            return Optional.empty(); // an array's clone: never redirected
        }
        owner = owner.substring(1, owner.length() - 1);
        String name = handle.methodName();
        return switch (handle.kind()) {
            case GETTER, SETTER, STATIC_GETTER, STATIC_SETTER -> hierarchy.resolveField(owner, name)
                    .filter(declaring -> !declaring.program())
                    .flatMap(declaring -> staticField(declaring.name(), name));
            default -> hierarchy.resolveMethod(owner, name, handle.lookupDescriptor())
                    .filter(declaring -> !declaring.program())
                    .flatMap(declaring -> method(hierarchy, declaring.name(), name, handle.lookupDescriptor()));
        };
    }

    private static void bySubtype(BySubtype rule) {
        BY_SUBTYPE.computeIfAbsent(rule.nameAndDescriptor(), key -> new ArrayList<>()).add(rule);
    }

    /**
     * Every public static method of {@code calls} whose last parameter is the SIP's context: one
     * marked {@link StaticOf} redirects that class's static method of the same name and the
     * parameters before the context; any other, the instance method of the same name and the
     * parameters between the first, its receiver, and the context, declared by the receiver's
     * type or a subtype (a call to {@code forEach} on a {@code Stream} resolves to {@code Stream},
     * one to {@code iterator} to {@code BaseStream}).
     */
    private static void readRedirects(Class<?> calls) {
        ClassDesc owner = ClassDesc.of(calls.getName());
        for (Method method : calls.getDeclaredMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isStatic(method.getModifiers())
                    || parameters.length == 0 || parameters[parameters.length - 1] != SipContext.class) {
                continue;
            }
            boolean takesLookup = parameters.length >= 2
                    && parameters[parameters.length - 2] == java.lang.invoke.MethodHandles.Lookup.class;
            int added = takesLookup ? 2 : 1;
            MethodTypeDesc site = MethodType.methodType(method.getReturnType(), parameters)
                    .dropParameterTypes(parameters.length - added, parameters.length).describeConstable().orElseThrow();
            Target target = new Target(owner, method.getName(), site, true, takesLookup);
            StaticOf declaredBy = method.getAnnotation(StaticOf.class);
            if (declaredBy != null) {
                String name = declaredBy.name().isEmpty() ? method.getName() : declaredBy.name();
                String key = internalName(declaredBy.value()) + "." + name + site.descriptorString();
                if (EXACT.put(key, target) != null) {
                    throw new IllegalStateException(calls.getSimpleName() + ": two redirects of " + key);
                }
            } else {
                if (site.parameterCount() == 0) {
                    throw new IllegalStateException(calls.getSimpleName() + "." + method.getName()
                            + " has no receiver; a static method's redirect is marked @StaticOf");
                }
                String member = method.getName() + site.dropParameterTypes(0, 1).descriptorString();
                bySubtype(new BySubtype(internalName(parameters[0]), member, target));
                if (Modifier.isFinal(parameters[0].getModifiers())) {
                    AT_SITE.put(internalName(parameters[0]) + "." + member, target);
                }
            }
        }
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /** Whether {@code target} only checks that an identity operation's object is not shared, then does it. */
    static boolean isIdentityCheck(Target target) {
        return IDENTITY_CHECKS.contains(target.name());
    }

    private static final Set<String> IDENTITY_CHECKS = Set.of("wait", "notify", "notifyAll",
            "identityHashCode");

    /** The glue call replacing {@code getstatic declaring.name}. */
    static Optional<Target> staticField(String declaring, String name) {
        return declaring.equals("java/lang/System") ? Optional.ofNullable(FIELDS.get(name)) : Optional.empty();
    }

    private static void same(String member) {
        int dot = member.indexOf('.');
        int paren = member.indexOf('(');
        EXACT.put(member, glue(member.substring(dot + 1, paren), member.substring(paren)));
    }

    private static Target glue(String name, String descriptor) {
        return new Target(CALLS, name, MethodTypeDesc.ofDescriptor(descriptor), true);
    }
}
