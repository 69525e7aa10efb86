package singj.abi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link ServiceCalls} and {@link VarHandleCalls} that no sealed program can reach
 * with a call of its own (the installer refuses {@code publicLookup}, a SIP holds no other SIP's
 * loader), tried directly: a lookup of a JDK class or of another SIP's class, another SIP's loader
 * or the JDK's, a loader the SIP did not make. Each is refused or finds nothing.
 */
class ServiceAndVarHandleCallsTest {
    private static SipContext context() {
        Map<Object, Object> services = new HashMap<>();
        return (SipContext) Proxy.newProxyInstance(SipContext.class.getClassLoader(), new Class<?>[] {SipContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "service" -> services.computeIfAbsent(args[0], key -> ((Supplier<?>) args[1]).get());
                    default -> null;
                });
    }

    /** A SIP's loader with two classes of its program: {@code demo.Box} (a volatile int) and {@code demo.Task}, a Runnable. */
    private static final class Loader extends ClassLoader implements PrivateClassLoader {
        private final SipContext context;
        private final Map<String, byte[]> resources;
        final Class<?> box;
        final Class<?> task;

        Loader(SipContext context, Map<String, byte[]> resources) {
            super(null);
            this.context = context;
            this.resources = resources;
            this.box = define("demo.Box", ClassFile.of().build(ClassDesc.of("demo.Box"), cls -> cls
                    .withFlags(ClassFile.ACC_PUBLIC).withSuperclass(ConstantDescs.CD_Object)
                    .withField("count", ConstantDescs.CD_int, ClassFile.ACC_PUBLIC | ClassFile.ACC_VOLATILE)
                    // its own full lookup, as the sealer makes one at a redirected call in a program class
                    .withMethodBody("lookup", java.lang.constant.MethodTypeDesc.of(ConstantDescs.CD_MethodHandles_Lookup),
                            ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                                    .invokestatic(ConstantDescs.CD_MethodHandles, "lookup",
                                            java.lang.constant.MethodTypeDesc.of(ConstantDescs.CD_MethodHandles_Lookup))
                                    .areturn())
                    .withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                            .aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                            .return_())));
            this.task = define("demo.Task", ClassFile.of().build(ClassDesc.of("demo.Task"), cls -> cls
                    .withFlags(ClassFile.ACC_PUBLIC).withSuperclass(ConstantDescs.CD_Object)
                    .withInterfaceSymbols(ClassDesc.of("java.lang.Runnable"))
                    .withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                            .aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                            .return_())
                    .withMethodBody("run", ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code.return_())));
        }

        private Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public SipContext context() {
            return context;
        }

        @Override
        public byte[] resource(String name) {
            return resources.get(name);
        }
    }

    private final SipContext mine = context();
    private final SipContext other = context();
    private final Loader loader = new Loader(mine, Map.of("META-INF/services/java.lang.Runnable",
            "java.lang.Thread\ndemo.Task\n".getBytes(StandardCharsets.UTF_8)));
    private final Loader othersLoader = new Loader(other, Map.of());

    /** The full lookup of {@code demo.Box}, made in it. */
    private static MethodHandles.Lookup lookupOf(Class<?> box) throws ReflectiveOperationException {
        return (MethodHandles.Lookup) box.getMethod("lookup").invoke(null);
    }

    @Test
    void aSipFindsItsOwnProvidersAndSkipsTheJdksClass() throws Exception {
        ServiceLoader<Runnable> services = ServiceCalls.load(Runnable.class, (ClassLoader) loader, lookupOf(loader.box), mine);
        Iterator<Runnable> found = ServiceCalls.iterator(services, mine);
        assertEquals(loader.task, found.next().getClass());
        assertFalse(found.hasNext(), "java.lang.Thread, listed first, is the JDK's: skipped, never made");
        assertFalse(services.iterator().hasNext(), "the JDK's object itself finds nothing");
    }

    @Test
    void anotherSipsLoaderTheJdksLoaderAndAnotherSipsCallerAreRefused() throws Exception {
        MethodHandles.Lookup caller = lookupOf(loader.box);
        assertThrows(SecurityException.class, () -> ServiceCalls.load(Runnable.class, othersLoader, caller, mine));
        assertThrows(SecurityException.class,
                () -> ServiceCalls.load(Runnable.class, ClassLoader.getPlatformClassLoader(), caller, mine));
        assertThrows(SecurityException.class, () -> ServiceCalls.load(Runnable.class, caller, other));
    }

    @Test
    void aServiceLoaderTheSipDidNotMakeFindsNothing() {
        ServiceLoader<Runnable> jdks = ServiceLoader.load(Runnable.class, ClassLoader.getSystemClassLoader());
        assertFalse(ServiceCalls.iterator(jdks, mine).hasNext());
        assertEquals(0, ServiceCalls.stream(jdks, mine).count());
    }

    @Test
    void aVarHandleNeedsALookupOfItsOwnClassOnItsOwnField() throws Exception {
        MethodHandles.Lookup own = lookupOf(loader.box);
        VarHandle count = VarHandleCalls.findVarHandle(own, loader.box, "count", int.class, mine);
        Object box = loader.box.getConstructor().newInstance();
        assertTrue(count.compareAndSet(box, 0, 3));
        assertEquals(3, (int) count.getVolatile(box));

        assertThrows(SecurityException.class, () -> VarHandleCalls.findVarHandle(MethodHandles.publicLookup(), loader.box,
                "count", int.class, mine), "the JVM-wide public lookup");
        assertThrows(SecurityException.class, () -> VarHandleCalls.findVarHandle(MethodHandles.lookup(), loader.box,
                "count", int.class, mine), "a lookup of a class outside the SIP");
        assertThrows(SecurityException.class, () -> VarHandleCalls.findVarHandle(own, loader.box, "count", int.class, other),
                "another SIP's class");
        assertThrows(SecurityException.class, () -> VarHandleCalls.findVarHandle(own, String.class, "value", byte[].class,
                mine), "a JDK class's field");
        assertThrows(SecurityException.class, () -> VarHandleCalls.findStaticVarHandle(own, Integer.class, "MAX_VALUE",
                int.class, mine));
    }

    @Test
    void theLookupAProgramHoldsHasNoAccess() throws Exception {
        assertEquals(0, VarHandleCalls.lookup(lookupOf(loader.box), mine).lookupModes());
        assertEquals(loader.box, VarHandleCalls.lookup(lookupOf(loader.box), mine).lookupClass());
        assertThrows(SecurityException.class, () -> VarHandleCalls.lookup(MethodHandles.lookup(), mine));
        assertThrows(SecurityException.class, () -> VarHandleCalls.lookup(lookupOf(loader.box), other));
    }
}
