import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * An attacker who has read ReflectionCalls.newUpdater: field updaters are allowed on the fields
 * of its own classes, so it aims them at a JDK class's fields, the shared ABI's, a field its own
 * subclass inherits from the JDK, and, through a raw type, at a JDK object. Each must be refused;
 * its own volatile field still updates.
 */
public class UpdatesOthersFields {
    static class Own {
        volatile Object ref;
        volatile int count;
        volatile long total;
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

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) {
        attempt("a JDK class's int field", () -> AtomicIntegerFieldUpdater.newUpdater(FutureTask.class, "state"));
        attempt("a JDK class's reference field", () -> AtomicReferenceFieldUpdater.newUpdater(Thread.class, Object.class, "name"));
        attempt("a JDK class's long field", () -> AtomicLongFieldUpdater.newUpdater(Thread.class, "tid"));
        attempt("the shared ABI's field", () -> AtomicReferenceFieldUpdater.newUpdater(singj.abi.Channel.class, Object.class, "client"));
        attempt("a field its subclass inherits from the JDK", () -> AtomicIntegerFieldUpdater.newUpdater(OwnTask.class, "state"));
        attempt("its own updater on a JDK object", () -> {
            AtomicReferenceFieldUpdater raw = AtomicReferenceFieldUpdater.newUpdater(Own.class, Object.class, "ref");
            return raw.getAndSet(new StringBuilder("victim"), "replaced");
        });
        attempt("its own int updater on a JDK object", () -> {
            AtomicIntegerFieldUpdater raw = AtomicIntegerFieldUpdater.newUpdater(Own.class, "count");
            return raw.incrementAndGet(new Object());
        });
        Own own = new Own();
        AtomicIntegerFieldUpdater<Own> count = AtomicIntegerFieldUpdater.newUpdater(Own.class, "count");
        AtomicLongFieldUpdater<Own> total = AtomicLongFieldUpdater.newUpdater(Own.class, "total");
        AtomicReferenceFieldUpdater<Own, Object> ref = AtomicReferenceFieldUpdater.newUpdater(Own.class, Object.class, "ref");
        count.incrementAndGet(own);
        total.addAndGet(own, 40);
        ref.compareAndSet(own, null, "set");
        System.out.println("own fields still open: " + own.count + " " + own.total + " " + own.ref);
    }
}
