package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages waiting for one end of a channel: a ring preallocated to the contract's bound,
 * so that sending never allocates and never blocks. Written and read under the channel's lock;
 * {@link #isEmpty} may be read without it, by a receiver spinning for its next message.
 */
final class MessageQueue {
    private final Object[] slots;
    private volatile long head;
    private volatile long tail;

    MessageQueue(int capacity) {
        slots = new Object[capacity];
    }

    /** False if the queue is full (which a checked contract never lets happen). */
    boolean offer(Object message) {
        long t = tail;
        if (t - head >= slots.length) {
            return false;
        }
        slots[(int) (t % slots.length)] = message;
        tail = t + 1;
        return true;
    }

    Object poll() {
        long h = head;
        if (h == tail) {
            return null;
        }
        int index = (int) (h % slots.length);
        Object message = slots[index];
        slots[index] = null;
        head = h + 1;
        return message;
    }

    boolean isEmpty() {
        return head == tail;
    }

    int size() {
        return (int) (tail - head);
    }

    List<Object> drain() {
        List<Object> drained = new ArrayList<>();
        for (Object message = poll(); message != null; message = poll()) {
            drained.add(message);
        }
        return drained;
    }
}
