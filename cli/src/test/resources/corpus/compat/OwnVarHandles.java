import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Lock-free code over the program's own fields, as jctools-style queues and Caffeine-like caches
 * write it: var handles on instance and static fields, array elements and byte-array views,
 * their access modes from plain to volatile, fences, a Treiber stack and a counter under four
 * threads; and the JDK's access rules on a lookup, which a SIP keeps.
 */
public class OwnVarHandles {
    /** A Treiber stack: a CAS on the head. */
    static final class Stack<T> {
        private static final VarHandle HEAD;

        static {
            try {
                HEAD = MethodHandles.lookup().findVarHandle(Stack.class, "head", Node.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static final class Node<T> {
            final T value;
            final Node<T> next;

            Node(T value, Node<T> next) {
                this.value = value;
                this.next = next;
            }
        }

        private volatile Node<T> head;

        void push(T value) {
            Node<T> current;
            do {
                current = head;
            } while (!HEAD.compareAndSet(this, current, new Node<>(value, current)));
        }

        @SuppressWarnings("unchecked")
        T pop() {
            Node<T> current;
            do {
                current = (Node<T>) HEAD.getAcquire(this);
                if (current == null) {
                    return null;
                }
            } while (!HEAD.weakCompareAndSet(this, current, current.next));
            return current.value;
        }
    }

    static final class Counter {
        private static final VarHandle COUNT;
        private static final VarHandle TOTAL;
        private static final VarHandle CREATED;
        private volatile int count;
        private long total;
        private static int created;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                COUNT = lookup.findVarHandle(Counter.class, "count", int.class);
                TOTAL = lookup.findVarHandle(Counter.class, "total", long.class);
                CREATED = lookup.findStaticVarHandle(Counter.class, "created", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        Counter() {
            CREATED.getAndAdd(1);
        }
    }

    /** Its private field, which only its own lookup and its nestmates' reach. */
    static final class Secretive {
        private int secret = 7;
    }

    public static void main(String[] args) throws Exception {
        Counter counter = new Counter();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    Counter.COUNT.getAndAdd(counter, 1);
                    long seen;
                    do {
                        seen = (long) Counter.TOTAL.getVolatile(counter);
                    } while (!Counter.TOTAL.compareAndSet(counter, seen, seen + 2));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        new Counter();
        System.out.println("count " + counter.count + ", total " + (long) Counter.TOTAL.get(counter)
                + ", counters " + (int) Counter.CREATED.getVolatile());
        System.out.println("getAndSet " + (int) Counter.COUNT.getAndSet(counter, 5) + " -> " + counter.count);
        System.out.println("compareAndExchange " + (int) Counter.COUNT.compareAndExchange(counter, 5, 6) + " -> "
                + (int) Counter.COUNT.getOpaque(counter));
        Counter.COUNT.setRelease(counter, 0b1100);
        System.out.println("bitwise " + (int) Counter.COUNT.getAndBitwiseOr(counter, 0b0011) + " "
                + (int) Counter.COUNT.getAndBitwiseAnd(counter, 0b1010) + " " + (int) Counter.COUNT.getAndBitwiseXor(counter, 1)
                + " -> " + counter.count);
        VarHandle.fullFence();
        VarHandle.acquireFence();
        VarHandle.releaseFence();
        System.out.println("handle " + Counter.COUNT.varType() + " " + Counter.COUNT.coordinateTypes()
                + " exact " + Counter.COUNT.hasInvokeExactBehavior() + " "
                + Counter.COUNT.withInvokeExactBehavior().hasInvokeExactBehavior()
                + " cas supported " + Counter.COUNT.isAccessModeSupported(VarHandle.AccessMode.COMPARE_AND_SET));

        Stack<String> stack = new Stack<>();
        for (String word : "one two three".split(" ")) {
            stack.push(word);
        }
        System.out.println("stack " + stack.pop() + " " + stack.pop() + " " + stack.pop() + " " + stack.pop());

        long[] slots = new long[4];
        VarHandle slot = MethodHandles.arrayElementVarHandle(long[].class);
        slot.getAndAdd(slots, 2, 40L);
        slot.compareAndSet(slots, 2, 40L, 42L);
        slot.setVolatile(slots, 0, -1L);
        System.out.println("array " + java.util.Arrays.toString(slots) + " " + (long) slot.getAcquire(slots, 2));
        try {
            slot.get(slots, 4);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("array bounds kept: " + e.getMessage());
        }

        byte[] bytes = {1, 0, 0, 0, 0, 0, 0, 2};
        VarHandle little = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        VarHandle big = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        System.out.println("view " + (int) little.get(bytes, 0) + " " + (int) big.get(bytes, 4));
        big.set(bytes, 0, 0x01020304);
        System.out.println("view wrote " + java.util.Arrays.toString(bytes));

        // the JDK's access rules: a nestmate's private field with this class's lookup, a lookup passed along
        MethodHandles.Lookup mine = MethodHandles.lookup();
        Secretive secretive = new Secretive();
        VarHandle secret = Helper.handleThrough(mine);
        System.out.println("nestmate's private field through a lookup passed along: " + (int) secret.getAndAdd(secretive, 1)
                + " -> " + secretive.secret);
        try {
            Helper.ownLookup().findVarHandle(Secretive.class, "secret", int.class);
            System.out.println("another class's private field: open");
        } catch (IllegalAccessException e) {
            System.out.println("another class's private field: IllegalAccessException");
        }
        try {
            mine.findVarHandle(Counter.class, "missing", int.class);
        } catch (NoSuchFieldException e) {
            System.out.println("a missing field: NoSuchFieldException");
        }
        try {
            mine.findVarHandle(Counter.class, "count", long.class);
        } catch (NoSuchFieldException e) {
            System.out.println("a field of another type: NoSuchFieldException");
        }
        try {
            mine.findStaticVarHandle(Counter.class, "count", int.class);
        } catch (IllegalAccessException e) {
            System.out.println("an instance field as static: IllegalAccessException");
        }
        try {
            Counter.COUNT.set(new Object(), 1);
        } catch (ClassCastException e) {
            System.out.println("another class's object: ClassCastException");
        }
    }
}

/** Another top-level class: its lookup sees only its own privates. */
class Helper {
    static MethodHandles.Lookup ownLookup() {
        return MethodHandles.lookup();
    }

    static VarHandle handleThrough(MethodHandles.Lookup lookup) throws ReflectiveOperationException {
        return lookup.findVarHandle(OwnVarHandles.Secretive.class, "secret", int.class);
    }
}
