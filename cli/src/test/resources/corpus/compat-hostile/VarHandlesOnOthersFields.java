import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * An attacker who has read VarHandleCalls: var handles are allowed on its own classes' fields, so
 * it aims them at a JDK class's private and static fields, the shared ABI's, its own copy of the
 * SIP runtime's kill switch (a class its loader defines, but not its program's), a field its own
 * subclass inherits from the JDK, and through its own handle at JDK objects; and it hands the
 * lookup MethodHandles.lookup() gives it to the JDK code that resolves constants, which with a
 * real lookup would call System.exit or Runtime.halt on the JVM. Each must be refused, judged
 * from outside: the string and the task are unchanged, the SIP keeps running and exits 0.
 */
public class VarHandlesOnOthersFields {
    static class Own {
        volatile int count;
        volatile Object ref;
    }

    static class OwnTask extends FutureTask<Object> {
        OwnTask() {
            super(() -> null);
        }
    }

    static void attempt(String route, Callable<?> attack) {
        try {
            System.out.println("OPEN " + route + ": " + attack.call());
        } catch (Throwable refused) {
            System.out.println("refused " + route + ": " + refused.getClass().getSimpleName());
        }
    }

    public static void main(String[] args) throws Exception {
        String victim = "victim";
        OwnTask task = new OwnTask();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        attempt("a JDK class's private field", () -> {
            VarHandle value = lookup.findVarHandle(String.class, "value", byte[].class);
            value.set(victim, new byte[] {'x'});
            return value;
        });
        attempt("a JDK class's static field", () -> lookup.findStaticVarHandle(Boolean.class, "TRUE", Boolean.class));
        attempt("a JDK class's field through a program class's lookup of it",
                () -> lookup.findVarHandle(Thread.class, "name", String.class));
        attempt("the shared ABI's field", () -> lookup.findVarHandle(singj.abi.Channel.class, "client", Object.class));
        attempt("its own copy of the runtime's kill switch", () -> {
            VarHandle killed = lookup.findStaticVarHandle(singj.abi.runtime.SipGlue.class, "killed", boolean.class);
            killed.setVolatile(false);
            return killed;
        });
        attempt("a field its subclass inherits from the JDK", () -> {
            VarHandle state = lookup.findVarHandle(OwnTask.class, "state", int.class);
            state.set(task, 2);
            return state;
        });
        attempt("its own handle on a JDK object", () -> {
            VarHandle ref = lookup.findVarHandle(Own.class, "ref", Object.class);
            Object target = new StringBuilder("victim");
            ref.set(target, "replaced");
            return target;
        });
        attempt("its own array handle on a JDK object", () -> {
            VarHandle element = MethodHandles.arrayElementVarHandle(Object[].class);
            return element.get((Object) victim, 0);
        });
        attempt("System.exit through a dynamic constant", () -> DynamicConstantDesc.ofNamed(ConstantDescs.BSM_INVOKE,
                "exit", ConstantDescs.CD_Object, MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
                        ClassDesc.of("java.lang.System"), "exit", MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int)),
                42).resolveConstantDesc(lookup));
        attempt("Runtime.halt as a handle", () -> MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.VIRTUAL,
                ClassDesc.of("java.lang.Runtime"), "halt", MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int))
                .resolveConstantDesc(lookup));
        attempt("the kernel's class by its description", () -> ClassDesc.of("singj.kernel.Kernel").resolveConstantDesc(lookup));
        Own own = new Own();
        VarHandle count = lookup.findVarHandle(Own.class, "count", int.class);
        count.getAndAdd(own, 5);
        System.out.println("victims unchanged: " + victim + " " + task.isDone());
        System.out.println("own field still open: " + own.count);
    }
}
