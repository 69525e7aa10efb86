package singj.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A cell that owns at most one {@link Block} or {@link Endpoint}: the one place, besides locals
 * and messages, where a SIP may keep a handle. The installer's verifier treats handles as linear
 * (one live copy, none used after it was sent or freed), and rejects a handle stored in an
 * ordinary field, an array or a lambda's captured variables, because it cannot follow it there.
 * An {@code Owned} is an ordinary object, so it may live in fields, arrays and lambdas; the handle
 * moves in with {@link #put} and out with {@link #take}, and the verifier follows each move.
 * (Singularity called this a {@code TRef}.)
 *
 * <pre>{@code
 * Owned<Endpoint<Echo>> client = new Owned<>(service.accept());
 * new Thread(() -> serve(client.take())).start();
 * }</pre>
 *
 * A handle inside an {@code Owned} still belongs to the SIP: when the SIP ends, the kernel frees
 * its blocks and closes its endpoints wherever they were kept. Put and take are atomic, so two
 * threads can never both take the same handle.
 *
 * @param <T> {@link Block} or {@link Endpoint}
 */
public final class Owned<T> {
    private static final VarHandle HANDLE;

    static {
        try {
            HANDLE = MethodHandles.lookup().findVarHandle(Owned.class, "handle", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through HANDLE
    private volatile Object handle;

    /** An empty cell. */
    public Owned() {}

    /** A cell holding {@code handle}, which moves in: the caller's copy is dead to the verifier. */
    public Owned(T handle) {
        put(handle);
    }

    /**
     * Moves {@code handle} into this cell.
     *
     * @throws IllegalStateException if the cell already holds a handle
     */
    public void put(T handle) {
        checkHandle(handle);
        if (HANDLE.compareAndExchange(this, null, handle) != null) {
            throw new IllegalStateException("this Owned already holds a handle; take it out first");
        }
    }

    /**
     * Moves the handle out of this cell, which is empty afterwards.
     *
     * @throws IllegalStateException if the cell is empty
     */
    @SuppressWarnings("unchecked")
    public T take() {
        Object taken = HANDLE.getAndSet(this, null);
        if (taken == null) {
            throw new IllegalStateException("this Owned is empty");
        }
        return (T) taken;
    }

    public boolean isEmpty() {
        return handle == null;
    }

    @Override
    public String toString() {
        Object now = handle;
        return now == null ? "Owned[empty]" : "Owned[" + now + "]";
    }

    private static void checkHandle(Object handle) {
        if (!(handle instanceof Block) && !(handle instanceof Endpoint<?>)) {
            throw new IllegalArgumentException("an Owned holds a Block or an Endpoint, not "
                    + (handle == null ? "null" : handle.getClass().getName()));
        }
    }
}
