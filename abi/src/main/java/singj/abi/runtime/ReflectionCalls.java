package singj.abi.runtime;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reflection confined to the SIP's own classes: those its loader defined from its jar and the
 * libraries on its {@code Class-Path}. Data binding (gson, Jackson), commons-math3 and many other
 * libraries reflect over the program's classes; that is the SIP reading and calling its own code,
 * every method of which was verified and sealed at install (a method the installer dropped throws
 * "removed at install" naming it). Reflection over anything else (the JDK, the ABI, the kernel,
 * a contract class every SIP shares) finds nothing: the JDK's members would bypass the allowlist
 * and the redirects. Such a class shows no members ({@code getDeclaredFields} of {@code Object},
 * where a library walking up a program class's supertypes ends, is empty), a lookup of one of them
 * fails as for a member that does not exist ({@code NoSuchMethodException}, which libraries that
 * probe the JDK expect), and {@code Class.forName} finds only the program's classes
 * ({@code ClassNotFoundException}). What would be a member of the SIP's own but is still refused
 * throws a {@link SecurityException} naming the class and the rule.
 *
 * <p>These are the only ways a SIP gets a {@link Field}, {@link Method}, {@link Constructor} or
 * {@link RecordComponent} (the allowlist refuses the rest: {@code getEnclosingMethod}, proxies,
 * method handles), so {@code Method.invoke}, {@code Field.set} and {@code setAccessible} on what
 * it holds reach only its own code and objects, checked by the JDK's own access rules against the
 * caller. Members a program class inherits from a JDK class ({@code Object.wait}, a
 * {@code Thread}'s methods) are left out of {@code getMethods} and {@code getFields}: called
 * reflectively they would skip the checks the sealer puts at a direct call. Constructors of the
 * program's threads and executors are refused too: the sealer adopts those where they are made
 * with {@code new}, which a reflective construction would skip.
 */
public final class ReflectionCalls {
    private ReflectionCalls() {}

    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Whether {@code type} (or an array's element type) is one of this SIP's program classes. */
    static boolean own(Class<?> type, SipContext context) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.getClassLoader() instanceof PrivateClassLoader loader && loader.context() == context
                && !type.getName().startsWith("singj.abi."); // the SIP's own copies of the runtime are not its program
    }

    static <T> Class<T> own(Class<T> type, SipContext context, String what) {
        if (!own(type, context)) {
            throw new SecurityException(what + " on " + type.getName() + " is refused: a SIP may reflect only over "
                    + "the classes of its own program (its jar and the libraries on its Class-Path) [reflection]");
        }
        return type;
    }

    /**
     * {@code type} if it is the SIP's own; else the lookup of one member fails as for a member that
     * does not exist, which is what a library probing the JDK (gson's record support written for
     * Java 8: {@code Class.class.getMethod("isRecord")}) is prepared for.
     */
    private static <T, E extends ReflectiveOperationException> Class<T> visible(Class<T> type, SipContext context,
            Missing<E> missing, String name) throws E {
        if (!own(type, context)) {
            throw missing.because(type.getName() + "." + name + ": a SIP sees the members of its own program's classes "
                    + "only (its jar and the libraries on its Class-Path) [reflection]");
        }
        return type;
    }

    private static <T> Class<T> constructible(Class<T> type, SipContext context, String what) {
        own(type, context, what);
        if (Thread.class.isAssignableFrom(type) || ExecutorService.class.isAssignableFrom(type)) {
            throw new SecurityException(what + " on " + type.getName() + " is refused: a SIP's threads and executors "
                    + "are made with new, where the installer hands them to the SIP's kernel [threads]");
        }
        return type;
    }

    /**
     * The JDK's record support as libraries written for Java 8 find it (gson, Jackson): by name,
     * {@code Class.forName("java.lang.reflect.RecordComponent")}, then
     * {@code Class.class.getMethod("getRecordComponents")} and the component's {@code getName} and
     * {@code getType}. These methods are handed out, and only these. Invoked on a class outside the
     * program, {@code getRecordComponents} gives what its record components' names and types say
     * (the class's shape, as {@code getDeclaredFields} of a program class does); the component's
     * accessor, the one way from a component to a member, is checked where it is asked for
     * ({@link #getAccessor}) and is not among these.
     */
    private static final java.util.Map<Class<?>, java.util.Set<String>> RECORD_SUPPORT = java.util.Map.of(
            Class.class, java.util.Set.of("isRecord", "getRecordComponents"),
            RecordComponent.class, java.util.Set.of("getName", "getType", "getGenericType", "getDeclaringRecord"));

    @StaticOf(Class.class)
    public static Class<?> forName(String name, SipContext context) throws ClassNotFoundException {
        if (name.equals(RecordComponent.class.getName())) {
            return RecordComponent.class;
        }
        ClassLoader loader = CALLER.getCallerClass().getClassLoader();
        if (!(loader instanceof PrivateClassLoader own) || own.context() != context) {
            throw new SecurityException("Class.forName called from outside the SIP's program");
        }
        Class<?> found = Class.forName(name, false, loader);
        if (!own(found, context)) {
            throw new ClassNotFoundException(name + " (a SIP finds by name only the classes of its own program)");
        }
        return Class.forName(name, true, loader); // initialised, as Class.forName(name) does
    }

    public static Field[] getDeclaredFields(Class<?> type, SipContext context) {
        return own(type, context) ? type.getDeclaredFields() : new Field[0];
    }

    public static Field getDeclaredField(Class<?> type, String name, SipContext context) throws NoSuchFieldException {
        return visible(type, context, NoSuchFieldException::new, name).getDeclaredField(name);
    }

    public static Field[] getFields(Class<?> type, SipContext context) {
        return own(type, context) ? Arrays.stream(type.getFields())
                .filter(field -> own(field.getDeclaringClass(), context)).toArray(Field[]::new) : new Field[0];
    }

    public static Field getField(Class<?> type, String name, SipContext context) throws NoSuchFieldException {
        return ownMember(visible(type, context, NoSuchFieldException::new, name).getField(name), context,
                NoSuchFieldException::new);
    }

    public static Method[] getDeclaredMethods(Class<?> type, SipContext context) {
        return own(type, context) ? type.getDeclaredMethods() : new Method[0];
    }

    public static Method getDeclaredMethod(Class<?> type, String name, Class<?>[] parameters, SipContext context)
            throws NoSuchMethodException {
        return visible(type, context, NoSuchMethodException::new, name).getDeclaredMethod(name, parameters);
    }

    public static Method[] getMethods(Class<?> type, SipContext context) {
        return own(type, context) ? Arrays.stream(type.getMethods())
                .filter(method -> own(method.getDeclaringClass(), context)).toArray(Method[]::new) : new Method[0];
    }

    public static Method getMethod(Class<?> type, String name, Class<?>[] parameters, SipContext context)
            throws NoSuchMethodException {
        if (RECORD_SUPPORT.getOrDefault(type, java.util.Set.of()).contains(name)) {
            return type.getMethod(name, parameters);
        }
        return ownMember(visible(type, context, NoSuchMethodException::new, name).getMethod(name, parameters), context,
                NoSuchMethodException::new);
    }

    public static Constructor<?>[] getDeclaredConstructors(Class<?> type, SipContext context) {
        return own(type, context) ? constructible(type, context, "getDeclaredConstructors").getDeclaredConstructors()
                : new Constructor<?>[0];
    }

    public static Constructor<?> getDeclaredConstructor(Class<?> type, Class<?>[] parameters, SipContext context)
            throws NoSuchMethodException {
        return constructible(visible(type, context, NoSuchMethodException::new, "<init>"), context,
                "getDeclaredConstructor").getDeclaredConstructor(parameters);
    }

    public static Constructor<?>[] getConstructors(Class<?> type, SipContext context) {
        return own(type, context) ? constructible(type, context, "getConstructors").getConstructors()
                : new Constructor<?>[0];
    }

    public static Constructor<?> getConstructor(Class<?> type, Class<?>[] parameters, SipContext context)
            throws NoSuchMethodException {
        return constructible(visible(type, context, NoSuchMethodException::new, "<init>"), context,
                "getConstructor").getConstructor(parameters);
    }

    public static RecordComponent[] getRecordComponents(Class<?> type, SipContext context) {
        return own(type, context, "getRecordComponents").getRecordComponents();
    }

    /** A record component's accessor is a member of its record: the program's records only. */
    public static Method getAccessor(RecordComponent component, SipContext context) {
        own(component.getDeclaringRecord(), context, "RecordComponent.getAccessor");
        return component.getAccessor();
    }

    /**
     * The method or constructor that declares a type variable is a member like those above: a
     * JDK class's anonymous class made inside a generic JDK method would hand that method out.
     */
    public static GenericDeclaration getGenericDeclaration(TypeVariable<?> variable, SipContext context) {
        GenericDeclaration declaration = variable.getGenericDeclaration();
        if (declaration instanceof Executable member) {
            own(member.getDeclaringClass(), context, "TypeVariable.getGenericDeclaration");
        }
        return declaration;
    }

    // ---- field updaters ----------------------------------------------------------------------

    /*
     * An atomic field updater is reflection over one volatile field (guava's AbstractFuture keeps
     * its state so): on a field of the SIP's own classes it reaches only the SIP's own objects (the
     * updater checks each object's class at every operation). newUpdater checks its caller's access
     * to the field, so it is called here as the program's calling class would call it: through a
     * handle found with that class's own lookup, which the sealer makes at the call
     * (Redirects.LOOKUP), and to which a caller-sensitive method is bound.
     */

    @StaticOf(AtomicReferenceFieldUpdater.class)
    public static <U, W> AtomicReferenceFieldUpdater<U, W> newUpdater(Class<U> type, Class<W> valueType, String field,
            MethodHandles.Lookup caller, SipContext context) {
        own(type, context, "AtomicReferenceFieldUpdater.newUpdater");
        @SuppressWarnings("unchecked")
        var updater = (AtomicReferenceFieldUpdater<U, W>) asCaller(caller, context, AtomicReferenceFieldUpdater.class,
                type, valueType, field);
        return updater;
    }

    @StaticOf(AtomicIntegerFieldUpdater.class)
    public static <U> AtomicIntegerFieldUpdater<U> newUpdater(Class<U> type, String field, MethodHandles.Lookup caller,
            SipContext context) {
        own(type, context, "AtomicIntegerFieldUpdater.newUpdater");
        @SuppressWarnings("unchecked")
        var updater = (AtomicIntegerFieldUpdater<U>) asCaller(caller, context, AtomicIntegerFieldUpdater.class, type, field);
        return updater;
    }

    /** {@code AtomicLongFieldUpdater.newUpdater}: the same; a different name only because Java overloads by parameters. */
    @StaticOf(value = AtomicLongFieldUpdater.class, name = "newUpdater")
    public static <U> AtomicLongFieldUpdater<U> newLongUpdater(Class<U> type, String field, MethodHandles.Lookup caller,
            SipContext context) {
        own(type, context, "AtomicLongFieldUpdater.newUpdater");
        @SuppressWarnings("unchecked")
        var updater = (AtomicLongFieldUpdater<U>) asCaller(caller, context, AtomicLongFieldUpdater.class, type, field);
        return updater;
    }

    /** {@code updaterType.newUpdater(arguments)}, called with the program class that called the redirect as its caller. */
    private static Object asCaller(MethodHandles.Lookup caller, SipContext context, Class<?> updaterType,
            Object... arguments) {
        own(caller.lookupClass(), context, updaterType.getSimpleName() + ".newUpdater from outside the program");
        Class<?>[] parameters = arguments.length == 3 ? new Class<?>[] {Class.class, Class.class, String.class}
                : new Class<?>[] {Class.class, String.class};
        MethodHandle newUpdater;
        try {
            newUpdater = caller.findStatic(updaterType, "newUpdater", MethodType.methodType(updaterType, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDK's " + updaterType.getName() + ".newUpdater is not where it was: " + e, e);
        }
        try {
            return newUpdater.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private interface Missing<E extends ReflectiveOperationException> {
        E because(String message);
    }

    private static <M extends Member, E extends ReflectiveOperationException> M ownMember(M member, SipContext context,
            Missing<E> missing) throws E {
        if (!own(member.getDeclaringClass(), context)) {
            throw missing.because(member.getName() + " is declared by " + member.getDeclaringClass().getName()
                    + ", outside the SIP's program: a SIP reflects only over its own classes");
        }
        return member;
    }
}
