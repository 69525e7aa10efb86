/**
 * Keeps what every frame of a deep recursion allocates, in a loop too short to use up an
 * allocation budget a frame might start with: where sealed code added up its allocations in a
 * local and charged them when it returned (the sealer's former AllocationBatch), each frame that
 * had not returned yet held back its share, and a deep enough recursion held back any amount.
 */
public class HoardThroughRecursion {
    static final class Node {
        final long a;
        final long b;
        final long c;
        final long d;
        final long e;
        final long f;
        final Node next;

        Node(long a, long b, Node next) {
            this.a = a;
            this.b = b;
            this.c = a + b;
            this.d = a - b;
            this.e = a * b;
            this.f = a ^ b;
            this.next = next;
        }
    }

    static Node head;
    static volatile long sink;

    static long hoard(int depth) {
        for (int i = 0; i < 3000; i++) { // 3000 nodes of 64 bytes: less than a frame's budget
            head = new Node(depth, i, head);
        }
        if (depth == 0) {
            System.out.println("holding " + count() + " nodes");
            while (true) { // hold them, making garbage (so that the JVM collects and the kernel counts)
                sink += new Node(sink, 1, null).c;
            }
        }
        return hoard(depth - 1) + head.a;
    }

    static long count() {
        long n = 0;
        for (Node node = head; node != null; node = node.next) {
            n++;
        }
        return n;
    }

    public static void main(String[] args) {
        System.out.println(hoard(3000)); // 3000 frames of 192 KB: 576 MB
    }
}
