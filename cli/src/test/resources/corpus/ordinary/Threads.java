import java.util.*;

/** Platform threads: start/join, names, synchronized on own objects, wait/notify handshakes. */
public class Threads {
    static final class Account {
        private long balance;
        synchronized void deposit(long amount) { balance += amount; }
        synchronized long balance() { return balance; }
    }

    /** A one-slot mailbox built on wait/notifyAll. */
    static final class Mailbox<T> {
        private T item;
        synchronized void put(T value) throws InterruptedException {
            while (item != null) wait();
            item = value;
            notifyAll();
        }
        synchronized T take() throws InterruptedException {
            while (item == null) wait();
            T value = item;
            item = null;
            notifyAll();
            return value;
        }
    }

    static class Worker extends Thread {
        final int[] result = new int[1];
        private final int n;
        Worker(int n) { super("worker-" + n); this.n = n; }
        @Override public void run() {
            int sum = 0;
            for (int i = 1; i <= n; i++) sum += i;
            result[0] = sum;
        }
    }

    private static final Object LOCK = new Object();
    private static int shared;

    public static void main(String[] args) throws Exception {
        System.out.println("main thread: " + Thread.currentThread().getName());
        Account account = new Account();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) account.deposit(1);
            }, "depositor-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) t.join();
        System.out.println("balance " + account.balance());
        for (Thread t : threads) System.out.println(t.getName() + " alive=" + t.isAlive() + " state=" + t.getState());

        Runnable bump = () -> {
            for (int i = 0; i < 5000; i++) {
                synchronized (LOCK) { shared++; }
            }
        };
        Thread x = new Thread(bump, "bump-x");
        Thread y = new Thread(bump, "bump-y");
        x.start(); y.start(); x.join(); y.join();
        System.out.println("shared " + shared);

        Mailbox<String> box = new Mailbox<>();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        Thread consumer = new Thread(() -> {
            try {
                for (String m; !(m = box.take()).equals("STOP"); ) received.add(m.toUpperCase(Locale.ROOT));
            } catch (InterruptedException e) {
                received.add("interrupted");
            }
        }, "consumer");
        consumer.start();
        for (String m : List.of("ping", "pong", "wait", "notify")) box.put(m);
        box.put("STOP");
        consumer.join();
        System.out.println("received " + received);

        Worker[] workers = {new Worker(10), new Worker(100), new Worker(1000)};
        for (Worker w : workers) w.start();
        for (Worker w : workers) {
            w.join();
            System.out.println(w.getName() + " computed " + w.result[0] + " daemon=" + w.isDaemon());
        }

        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(60_000);
                System.out.println("woke normally?!");
            } catch (InterruptedException e) {
                System.out.println("sleeper interrupted, flag now " + Thread.currentThread().isInterrupted());
            }
        }, "sleeper");
        sleeper.start();
        sleeper.interrupt();
        sleeper.join();

        Thread daemon = new Thread(() -> { }, "daemon");
        daemon.setDaemon(true);
        System.out.println("daemon flag " + daemon.isDaemon() + " state " + daemon.getState() + " priority " + daemon.getPriority());
        daemon.start();
        daemon.join();
        final int[] order = new int[3];
        final int[] next = {0};
        Object turn = new Object();
        Thread[] chain = new Thread[3];
        for (int i = 0; i < 3; i++) {
            final int me = i;
            chain[i] = new Thread(() -> {
                synchronized (turn) {
                    while (next[0] != me) {
                        try { turn.wait(); } catch (InterruptedException e) { return; }
                    }
                    order[me] = me * 10;
                    next[0]++;
                    turn.notifyAll();
                }
            }, "chain-" + i);
        }
        for (int i = 2; i >= 0; i--) chain[i].start();
        for (Thread t : chain) t.join();
        System.out.println("chain order " + Arrays.toString(order));
        ThreadLocal<String> local = ThreadLocal.withInitial(() -> "initial");
        local.set("main value");
        String[] seen = new String[1];
        Thread other = new Thread(() -> seen[0] = local.get(), "local-reader");
        other.start();
        other.join();
        System.out.println("thread local main=" + local.get() + " other=" + seen[0]);
    }
}
