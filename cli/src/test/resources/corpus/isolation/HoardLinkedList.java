/** Keeps a linked list of small objects that grows without bound. */
public class HoardLinkedList {
    static final class Node {
        final long value;
        final Node next;

        Node(long value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    public static void main(String[] args) {
        Node head = null;
        long count = 0;
        while (true) {
            head = new Node(count++, head);
            if (count % 1_000_000 == 0) {
                System.out.println("holding " + count + " nodes, last " + head.value);
            }
        }
    }
}
