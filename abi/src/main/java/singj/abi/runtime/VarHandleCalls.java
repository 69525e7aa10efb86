package singj.abi.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Var handles on the SIP's own fields: lock-free queues, caches and counters (jctools-style
 * queues, Caffeine-like caches, the JDK's own patterns) make them with
 * {@code MethodHandles.lookup().findVarHandle(Own.class, "field", type)}. A var handle on a field
 * of one of the SIP's own classes reaches only the SIP's objects (it checks each receiver against
 * that class) or the SIP's own static state; its access modes ({@code compareAndSet},
 * {@code getAndAdd}, {@code getAcquire}, {@code setRelease}...) are then plain calls, which the
 * installer resolves as the JVM resolves signature-polymorphic methods.
 *
 * <p>A {@link MethodHandles.Lookup} is the key to far more than fields: with a real one, allowed
 * JDK code such as {@code DynamicConstantDesc.resolveConstantDesc(lookup)} finds and calls any
 * public method of the JDK. So the program never holds one that can do anything:
 * {@code MethodHandles.lookup()} gives a lookup of the calling class with no access at all
 * ({@code dropLookupMode(PUBLIC)}), which finds nothing wherever it is passed, and
 * {@code findVarHandle} and {@code findStaticVarHandle} on it are redirected here. They take the
 * lookup's class as the one whose access counts, as under {@code java}: it must be one of the
 * program's (else {@code SecurityException}), the field must be declared by one of the program's
 * classes, found as the JVM resolves a field (one a program class inherits from a JDK class is
 * refused), and the JDK's own lookup of that class ({@code privateLookupIn}) then makes the handle
 * with the JDK's access checks against it. Every other member of {@code Lookup}, and
 * {@code publicLookup}, {@code privateLookupIn} and the method handles, stay refused at install.
 */
public final class VarHandleCalls {
    private VarHandleCalls() {}

    /**
     * The lookup of the calling class, with no access: what it is for here is its class, which
     * {@link #findVarHandle} takes as the one whose fields the program may reach.
     */
    @StaticOf(MethodHandles.class)
    public static MethodHandles.Lookup lookup(MethodHandles.Lookup caller, SipContext context) {
        ReflectionCalls.own(caller.lookupClass(), context, "MethodHandles.lookup");
        return caller.dropLookupMode(MethodHandles.Lookup.PUBLIC);
    }

    public static VarHandle findVarHandle(MethodHandles.Lookup lookup, Class<?> type, String name, Class<?> fieldType,
            SipContext context) throws NoSuchFieldException, IllegalAccessException {
        return asLookupClass(lookup, type, name, fieldType, context, "findVarHandle").findVarHandle(type, name, fieldType);
    }

    public static VarHandle findStaticVarHandle(MethodHandles.Lookup lookup, Class<?> type, String name,
            Class<?> fieldType, SipContext context) throws NoSuchFieldException, IllegalAccessException {
        return asLookupClass(lookup, type, name, fieldType, context, "findStaticVarHandle")
                .findStaticVarHandle(type, name, fieldType);
    }

    /**
     * The JDK's full lookup of {@code lookup}'s class, once that class is the program's and the
     * field {@code type.name} the JVM would resolve is declared by a class of the program.
     */
    private static MethodHandles.Lookup asLookupClass(MethodHandles.Lookup lookup, Class<?> type, String name,
            Class<?> fieldType, SipContext context, String what) throws NoSuchFieldException, IllegalAccessException {
        Class<?> lookupClass = lookup.lookupClass();
        if (!ReflectionCalls.own(lookupClass, context)) {
            throw new SecurityException(what + " through a lookup of " + lookupClass.getName() + " is refused: a SIP "
                    + "makes var handles only with MethodHandles.lookup() in its own classes [method-handles]");
        }
        ReflectionCalls.own(type, context, what);
        Class<?> declaring = declaring(type, name, fieldType);
        if (declaring == null) {
            throw new NoSuchFieldException("no such field: " + type.getName() + "." + name + "/" + fieldType.getName());
        }
        if (!ReflectionCalls.own(declaring, context)) {
            throw new SecurityException(what + " of " + type.getName() + "." + name + " is refused: the field is "
                    + "declared by " + declaring.getName() + ", outside the SIP's program; a SIP makes var handles only on "
                    + "the fields of its own classes [method-handles]");
        }
        return MethodHandles.privateLookupIn(lookupClass, MethodHandles.lookup());
    }

    /**
     * The class declaring the field {@code name} of type {@code fieldType} that the JVM finds
     * from {@code type} (JVMS 5.4.3.2: the class, its superinterfaces, then its superclass), or
     * {@code null}. The JDK's classes on the way are asked too, so that a field a program class
     * inherits from one is found there and refused, not reported missing. (The few JDK fields
     * reflection hides are package-private or private in {@code java.lang.reflect} and
     * {@code ClassLoader}: the JDK's own access check refuses them to a program's lookup.)
     */
    private static Class<?> declaring(Class<?> type, String name, Class<?> fieldType) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (declares(c, name, fieldType)) {
                return c;
            }
            Class<?> inInterface = declaringInterface(c, name, fieldType);
            if (inInterface != null) {
                return inInterface;
            }
        }
        return null;
    }

    private static Class<?> declaringInterface(Class<?> type, String name, Class<?> fieldType) {
        for (Class<?> i : type.getInterfaces()) {
            if (declares(i, name, fieldType)) {
                return i;
            }
            Class<?> above = declaringInterface(i, name, fieldType);
            if (above != null) {
                return above;
            }
        }
        return null;
    }

    private static boolean declares(Class<?> type, String name, Class<?> fieldType) {
        try {
            return type.getDeclaredField(name).getType() == fieldType;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
