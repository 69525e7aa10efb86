/**
 * Methods with javac's monitor releases and handlers, called often enough to be compiled: a
 * synchronized block on an Object-typed field (checked at run time), nested blocks, a block with
 * a catch inside, a loop inside, a block inside a finally, try/finally and try-with-resources.
 */
public class HotHandlers {
    private final Object lock = new Object();
    private long n;

    long syncBlock(long x) {
        synchronized (lock) {
            n += x;
            return n;
        }
    }

    long nested(long x) {
        synchronized (lock) {
            synchronized (this) {
                n += x;
            }
        }
        return n;
    }

    long syncWithCatch(long x) {
        synchronized (lock) {
            try {
                if (x == -1) {
                    throw new IllegalStateException();
                }
                n += x;
            } catch (IllegalStateException e) {
                n = 0;
            }
        }
        return n;
    }

    long syncLoop(long x) {
        synchronized (lock) {
            for (int i = 0; i < 10; i++) {
                n += i * x;
            }
        }
        return n;
    }

    long syncInFinally(long x) {
        try {
            n += x;
        } finally {
            synchronized (lock) {
                n--;
            }
        }
        return n;
    }

    long tryFinally(long x) {
        try {
            n += x;
            if (n == 42) {
                throw new IllegalStateException();
            }
        } finally {
            n--;
        }
        return n;
    }

    long tryWithResources(long x) {
        try (AutoCloseable c = () -> n++) {
            n += x;
        } catch (Exception e) {
            n = 0;
        }
        return n;
    }

    public static void main(String[] args) {
        HotHandlers h = new HotHandlers();
        long sum = 0;
        for (int i = 0; i < 1_000_000; i++) {
            sum += h.syncBlock(i) + h.nested(i) + h.syncWithCatch(i) + h.syncLoop(i) + h.syncInFinally(i)
                    + h.tryFinally(i) + h.tryWithResources(i);
        }
        System.out.println(sum);
    }
}
