package singj.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Predicate;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The redirects that keep a SIP's asynchronous work off the JDK's shared pool cover every member
 * of this JDK that reaches it, found by reflection over the JDK's own classes (so a member a new
 * JDK adds fails here), and each points at a method that exists with the shape the call site has.
 */
class AsyncRedirectsTest {
    private final ClassHierarchy jdk = new ClassHierarchy(Map.of());

    @Test
    void everyTerminalOperationOfEveryStreamTypeIsRedirected() {
        for (Class<?> type : List.of(BaseStream.class, Stream.class, IntStream.class, LongStream.class, DoubleStream.class)) {
            List<Method> terminal = declared(type, m -> !Modifier.isStatic(m.getModifiers())
                    && !BaseStream.class.isAssignableFrom(m.getReturnType())
                    && !m.getName().equals("isParallel") && !m.getName().equals("close"));
            assertFalse(terminal.isEmpty(), type.getName());
            terminal.forEach(this::assertRedirected);
        }
        for (Class<?> type : List.of(Stream.class, IntStream.class, LongStream.class, DoubleStream.class)) {
            declared(type, m -> m.getName().equals("concat")).forEach(this::assertRedirected);
        }
    }

    @Test
    void whatMakesAStreamParallelIsNotRedirected() throws Exception {
        // the terminal operation decides, whatever made the stream parallel
        assertNotRedirected(BaseStream.class.getMethod("parallel"));
        assertNotRedirected(java.util.Collection.class.getMethod("parallelStream"));
        assertNotRedirected(Stream.class.getMethod("map", java.util.function.Function.class));
    }

    @Test
    void everyAsyncStageWithoutAnExecutorAndEveryDelayIsRedirected() {
        for (Class<?> type : List.of(CompletionStage.class, CompletableFuture.class)) {
            List<Method> async = declared(type, m -> m.getName().endsWith("Async"));
            assertFalse(async.isEmpty(), type.getName());
            for (Method method : async) {
                if (Arrays.asList(method.getParameterTypes()).contains(Executor.class)) {
                    assertNotRedirected(method); // the program chose the executor: its own
                } else {
                    assertRedirected(method);
                }
            }
        }
        declared(CompletableFuture.class, m -> List.of("orTimeout", "completeOnTimeout", "delayedExecutor",
                "defaultExecutor").contains(m.getName())).forEach(this::assertRedirected);
    }

    @Test
    void forkJoinTasksOutsideAPoolAndTheCommonPoolItselfAreRedirected() throws Exception {
        declared(ForkJoinTask.class, m -> List.of("fork", "invoke", "quietlyInvoke", "invokeAll", "helpQuiesce")
                .contains(m.getName())).forEach(this::assertRedirected);
        assertRedirected(ForkJoinTask.class.getMethod("join"));
        assertRedirected(ForkJoinTask.class.getMethod("quietlyJoin"));
        assertRedirected(ForkJoinPool.class.getMethod("commonPool"));
        declared(Executors.class, m -> m.getName().equals("newWorkStealingPool")).forEach(this::assertRedirected);
    }

    @Test
    void everyParallelBulkOperationOfArraysAndConcurrentHashMapIsRedirected() {
        List<Method> arrays = declared(Arrays.class, m -> m.getName().startsWith("parallel"));
        assertEquals(30, arrays.size(), "parallelSort, parallelSetAll and parallelPrefix in JDK 25");
        arrays.forEach(this::assertRedirected);
        List<Method> bulk = declared(ConcurrentHashMap.class, m -> m.getParameterCount() > 0
                && m.getParameterTypes()[0] == long.class);
        assertEquals(31, bulk.size(), "the operations that take a parallelism threshold in JDK 25");
        bulk.forEach(this::assertRedirected);
    }

    /** Public, non-bridge methods {@code type} itself declares that {@code filter} selects. */
    private static List<Method> declared(Class<?> type, Predicate<Method> filter) {
        List<Method> found = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.isBridge() && !method.isSynthetic()
                    && filter.test(method)) {
                found.add(method);
            }
        }
        return found;
    }

    private Optional<Redirects.Target> redirect(Method method) {
        String owner = method.getDeclaringClass().getName().replace('.', '/');
        String descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
        return Redirects.method(jdk, owner, method.getName(), descriptor);
    }

    private void assertRedirected(Method method) {
        Optional<Redirects.Target> target = redirect(method);
        assertTrue(target.isPresent(), () -> method + " is not redirected");
        assertTargetExists(method, target.get());
    }

    private void assertNotRedirected(Method method) {
        assertTrue(redirect(method).isEmpty(), () -> method + " is redirected");
    }

    /** The target takes what the call site has on the stack (the receiver first), then the context. */
    private static void assertTargetExists(Method method, Redirects.Target target) {
        List<Class<?>> site = new ArrayList<>();
        if (!Modifier.isStatic(method.getModifiers())) {
            site.add(method.getDeclaringClass());
        }
        site.addAll(Arrays.asList(method.getParameterTypes()));
        assertEquals(site.size(), target.type().parameterCount(), method.toString());
        assertEquals(method.getReturnType().descriptorString(), target.type().returnType().descriptorString(),
                method.toString());
        try {
            Class<?> owner = Class.forName(target.owner().packageName() + "." + target.owner().displayName());
            Class<?>[] parameters = target.callType().parameterList().stream()
                    .map(desc -> resolve(desc.descriptorString())).toArray(Class<?>[]::new);
            Method called = owner.getMethod(target.name(), parameters);
            assertTrue(Modifier.isStatic(called.getModifiers()), called.toString());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(method + " is redirected to " + target + ", which does not exist", e);
        }
    }

    private static Class<?> resolve(String descriptor) {
        try {
            return MethodType.fromMethodDescriptorString("(" + descriptor + ")V", AsyncRedirectsTest.class.getClassLoader())
                    .parameterType(0);
        } catch (TypeNotPresentException e) {
            throw new AssertionError(descriptor, e);
        }
    }
}
