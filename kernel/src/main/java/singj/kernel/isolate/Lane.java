package singj.kernel.isolate;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.function.BooleanSupplier;
import singj.kernel.ipc.AdaptiveSpin;

/**
 * One lane of a process SIP (docs/isolation.md, "Lanes"): a request slot and a reply slot in
 * memory shared by the child and the kernel, with a futex wake-up, carrying the same frames as a
 * connection of the socket. A child thread that calls the kernel takes an idle lane, writes its
 * request, and sleeps on the lane's state word; a kernel thread of the SIP sleeps on the same word
 * for the request, answers it as it answers a socket, and wakes the child. Both spin first, as
 * long as spinning has paid lately.
 *
 * <p>Layout (offsets in bytes): 0 the state word (the futex), 4 and 8 whether the kernel and the
 * child sleep on it (so that a wake is a system call only when someone sleeps), 12 the request's
 * length, 16 the reply's length, then the request at {@link #REQUEST_AT} and the reply at
 * {@link #REPLY_AT}.
 *
 * <p>The child can write every byte of it at any time. The kernel's side therefore reads the
 * state word and the request's length once each, checks them, copies the request out before it
 * decodes it (the child cannot change it under the decoder), and takes anything else in the state
 * word as a violation; the flags only decide whether the child gets woken or the kernel sleeps its
 * full timeout.
 */
final class Lane {
    static final int BYTES = 64 << 10;
    static final int REQUEST_AT = 64;
    static final int REPLY_AT = BYTES / 2;
    static final int REQUEST_CAPACITY = REPLY_AT - REQUEST_AT;
    static final int REPLY_CAPACITY = BYTES - REPLY_AT;

    /** The lane is free for a request (the child read the last reply). */
    static final int IDLE = 0;
    /** The child wrote a request. */
    static final int REQUEST = 1;
    /** The kernel wrote a reply. */
    static final int REPLY = 2;

    private static final long STATE = 0;
    private static final long KERNEL_SLEEPS = 4;
    private static final long CHILD_SLEEPS = 8;
    private static final long REQUEST_LENGTH = 12;
    private static final long REPLY_LENGTH = 16;
    /** A reply length that says: too long for the lane, fetch it over the socket ({@link Wire#FETCH}). */
    static final int FETCH = -1;


    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final int number;
    private final MemorySegment memory;
    /**
     * How long this side spins before it sleeps: as long as spinning has paid lately. On a busy
     * machine a spin only delays the other side (measured: a futex round trip between two C
     * processes took 40-48 µs at load 20 without spinning, 93 µs spinning 20 µs first).
     */
    private final AdaptiveSpin spin = new AdaptiveSpin();

    Lane(int number, MemorySegment lanes) {
        this.number = number;
        this.memory = lanes.asSlice((long) number * BYTES, BYTES);
    }

    int number() {
        return number;
    }

    private int get(long offset) {
        return (int) INT.getVolatile(memory, offset);
    }

    private void set(long offset, int value) {
        INT.setVolatile(memory, offset, value);
    }

    /** Sets the state and wakes the other side if it sleeps. */
    private void signal(int state, long otherSleeps) {
        set(STATE, state);
        if (get(otherSleeps) != 0) {
            Futex.wakeAll(memory, STATE);
        }
    }

    /** Spins, then sleeps on the state word while it holds {@code seen}, at most {@code timeoutNanos}. */
    private int awaitChange(int seen, long sleepsFlag, long timeoutNanos) {
        long spinUntil = System.nanoTime() + spin.next();
        int state;
        while ((state = get(STATE)) == seen && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        if (state != seen) {
            spin.paidOff();
            return state;
        }
        spin.wasted();
        if (Thread.currentThread().isVirtual()) {
            // what this thread's last call woke (the peer it sent to) may wait to run on this very
            // carrier, which the futex is about to hold: let it run first
            Thread.yield();
            if ((state = get(STATE)) != seen) {
                return state;
            }
        }
        set(sleepsFlag, 1);
        Futex.await(memory, STATE, seen, timeoutNanos);
        set(sleepsFlag, 0);
        return get(STATE);
    }

    // ---- the child's side ----------------------------------------------------------------------

    /**
     * Makes a call: the request's frame, then the reply's frame, or null if the reply is too long
     * for the lane and waits at the kernel for a {@link Wire#FETCH}. {@code stillThere} runs
     * whenever a sleep times out (it ends the process if the kernel has gone).
     */
    byte[] call(byte[] request, Runnable stillThere) {
        MemorySegment.copy(request, 0, memory, ValueLayout.JAVA_BYTE, REQUEST_AT, request.length);
        set(REQUEST_LENGTH, request.length);
        signal(REQUEST, KERNEL_SLEEPS);
        while (awaitChange(REQUEST, CHILD_SLEEPS, 1_000_000_000L) != REPLY) {
            stillThere.run();
        }
        int length = get(REPLY_LENGTH);
        byte[] reply = length == FETCH ? null : new byte[length];
        if (reply != null) {
            MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, REPLY_AT, reply, 0, length);
        }
        set(STATE, IDLE);
        return reply;
    }

    // ---- the kernel's side ---------------------------------------------------------------------

    /**
     * Waits for the child's next request and returns a copy of its frame, or null once
     * {@code ended} says the SIP is ending. A state word or length the protocol does not allow is
     * a {@link WireException}.
     */
    Wire.In awaitRequest(BooleanSupplier ended, long sleepNanos) {
        int state = get(STATE);
        while (state != REQUEST) {
            if (state != IDLE && state != REPLY) {
                throw new WireException("lane " + number + "'s state word holds " + state + " (0 to 2 only)");
            }
            if (ended.getAsBoolean()) {
                return null;
            }
            state = awaitChange(state, KERNEL_SLEEPS, sleepNanos);
        }
        int length = get(REQUEST_LENGTH);
        if (length <= 0 || length > REQUEST_CAPACITY) {
            throw new WireException("a request of " + length + " bytes in lane " + number + " (at most " + REQUEST_CAPACITY + ")");
        }
        byte[] frame = new byte[length];
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, REQUEST_AT, frame, 0, length);
        return Wire.In.of(frame);
    }

    /** Writes the reply and wakes the child; false if it is too long and the child must fetch it. */
    boolean reply(byte[] frame) {
        boolean fits = frame.length <= REPLY_CAPACITY;
        if (fits) {
            MemorySegment.copy(frame, 0, memory, ValueLayout.JAVA_BYTE, REPLY_AT, frame.length);
        }
        set(REPLY_LENGTH, fits ? frame.length : FETCH);
        signal(REPLY, CHILD_SLEEPS);
        return fits;
    }

    /** Wakes the kernel's thread of this lane, to see that the SIP is ending. */
    void wakeKernel() {
        Futex.wakeAll(memory, STATE);
    }
}
