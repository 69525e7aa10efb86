package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages waiting for one end of a channel: a ring preallocated to the contract's bound,
 * so that sending never allocates and never blocks. Written and read under the channel's lock;
 * {@link #isEmpty} may be read without it, by a receiver spinning for its next message.
 *
 * <p>Each message is charged to its sender while it waits ({@link Holdings#queue}): the ring
 * keeps who sent it and for how many bytes, and whatever takes it out (a receive, a drop)
 * gives those bytes back.
 */
final class MessageQueue {
    private final Object[] slots;
    private final Holdings[] senders;
    private final long[] bytes;
    private volatile long head;
    private volatile long tail;
    /** What the message {@link #poll} returned last was charged: the bytes that move to its receiver. */
    private long polledBytes;

    MessageQueue(int capacity) {
        slots = new Object[capacity];
        senders = new Holdings[capacity];
        bytes = new long[capacity];
    }

    /**
     * False if the queue is full (which a checked contract never lets happen). {@code sender} has
     * been charged {@code size} bytes for it already.
     */
    boolean offer(Object message, Holdings sender, long size) {
        long t = tail;
        if (t - head >= slots.length) {
            return false;
        }
        int index = (int) (t % slots.length);
        slots[index] = message;
        senders[index] = sender;
        bytes[index] = size;
        tail = t + 1;
        return true;
    }

    /** The oldest message, now the receiver's: its sender is no longer charged for it. */
    Object poll() {
        long h = head;
        if (h == tail) {
            return null;
        }
        int index = (int) (h % slots.length);
        Object message = slots[index];
        slots[index] = null;
        polledBytes = bytes[index];
        discharge(index);
        head = h + 1;
        return message;
    }

    /** The bytes the message {@link #poll} returned last was charged to its sender. */
    long polledBytes() {
        return polledBytes;
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

    /**
     * Takes out the newest messages as long as {@code sender} sent them: a killed SIP's last
     * words, after its end of the channel closed. Only the newest, so that a receiver still reads
     * what earlier holders of that end sent, in a state its contract expects.
     */
    List<Object> dropNewestFrom(Holdings sender) {
        List<Object> dropped = new ArrayList<>();
        long t = tail;
        while (t != head && senders[(int) ((t - 1) % slots.length)] == sender) {
            t--;
            int index = (int) (t % slots.length);
            dropped.add(slots[index]);
            slots[index] = null;
            discharge(index);
            tail = t;
        }
        return dropped;
    }

    private void discharge(int index) {
        Holdings sender = senders[index];
        if (sender != null) {
            senders[index] = null;
            sender.unqueue(bytes[index]);
        }
    }
}
