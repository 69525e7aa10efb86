/**
 * Keeps small objects allocated in short loops that never reach a kill check's poll (fewer trips
 * than its interval) and that end in a throw, never in a return: the two ways out of a method
 * that added up its allocations (the sealer's former AllocationBatch) without charging them on the way.
 */
public class HoardThroughThrows {
    static final class Node {
        final long value;
        final Node next;

        Node(long value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    static Node head;

    static void addThenThrow(long from) {
        for (int i = 1; i < 1000; i++) {
            head = new Node(from + i, head);
        }
        throw new Full();
    }

    public static void main(String[] args) {
        long batches = 0;
        while (true) {
            try {
                addThenThrow(batches * 1000);
            } catch (Full full) {
                batches++;
            }
            if (batches % 10_000 == 0) {
                System.out.println("holding " + batches * 999 + " nodes, last " + head.value);
            }
        }
    }
}
