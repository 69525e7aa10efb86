package singj.kernel.sched;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import singj.abi.runtime.SipContext;

/**
 * Fibers as {@code jdk.internal.vm.Continuation}s, the machinery under virtual threads, used
 * directly: resuming one mounts its frames on the calling thread and suspending copies them off
 * again, with no OS or JVM scheduler in between. Internal API, reached through method handles
 * (so the kernel compiles with {@code --release}); they are constants, so the JIT inlines them.
 */
final class ContinuationFibers implements Fibers {
    private static final MethodHandle NEW_CONTINUATION;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle IS_DONE;
    private static final MethodHandle CURRENT;
    private static final Object SCOPE;

    static {
        MethodHandle newContinuation = null, run = null, yield = null, isDone = null, current = null;
        Object scope = null;
        try {
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
            // a full lookup: the package is exported to this (unnamed) module only by --add-exports
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                    .invoke("singj-sip-threads");
            newContinuation = lookup.findConstructor(continuation, MethodType.methodType(void.class, scopeClass, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            run = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            yield = lookup.findStatic(continuation, "yield", MethodType.methodType(boolean.class, scopeClass))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            isDone = lookup.findVirtual(continuation, "isDone", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            current = lookup.findStatic(continuation, "getCurrentContinuation", MethodType.methodType(continuation, scopeClass))
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (Throwable notExported) {
            scope = null; // not exported to us (or gone in a later JDK): available() says no
        }
        SCOPE = scope;
        NEW_CONTINUATION = newContinuation;
        RUN = run;
        YIELD = yield;
        IS_DONE = isDone;
        CURRENT = current;
    }

    static boolean available() {
        return SCOPE != null;
    }

    @Override
    public Fiber create(Runnable body, SipContext owner) {
        try {
            return new ContinuationFiber((Object) NEW_CONTINUATION.invokeExact(SCOPE, body));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a continuation", e);
        }
    }

    @Override
    public boolean suspend() {
        try {
            if ((Object) CURRENT.invokeExact(SCOPE) == null) {
                return false;
            }
            return (boolean) YIELD.invokeExact(SCOPE);
        } catch (IllegalStateException pinned) {
            return false; // holding a monitor or under a native frame: cannot switch here, so do not
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String mechanism() {
        return "continuation";
    }

    private record ContinuationFiber(Object continuation) implements Fiber {
        @Override
        public void resume() {
            try {
                RUN.invokeExact(continuation);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable checked) {
                throw new IllegalStateException(checked); // a Runnable throws none; a sneaky one ends here
            }
        }

        @Override
        public boolean isDone() {
            try {
                return (boolean) IS_DONE.invokeExact(continuation);
            } catch (Throwable impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
