/** Not a runaway but stuck: two threads each initialising a class the other needs, which the JVM does not interrupt. */
public class ThreadsDeadlockedInClassInit {
    static class A {
        static final int VALUE;
        static {
            pause();
            VALUE = B.VALUE + 1;
        }
    }

    static class B {
        static final int VALUE;
        static {
            pause();
            VALUE = A.VALUE + 1;
        }
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Thread first = new Thread(() -> System.out.println(A.VALUE));
        Thread second = new Thread(() -> System.out.println(B.VALUE));
        first.start();
        second.start();
        System.out.println("running");
        first.join();
        second.join();
    }
}
