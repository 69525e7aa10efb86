import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Threads and an executor whose methods never return: hashCode, equals, getState, interrupt of a
 * Thread subclass, shutdownNow and the terminated hook of a pool. The kernel keeps them in sets,
 * lists a SIP's threads for ps and stops them at a kill: none of it may run on a kernel thread.
 */
public class ThreadTraps {
    static volatile boolean forever = true;

    static class Trap extends Thread {
        private final boolean spin;

        Trap(boolean spin) {
            this.spin = spin;
        }

        @Override
        public void run() {
            while (spin) {
                Thread.onSpinWait();
            }
        }

        @Override
        public int hashCode() {
            return started ? loop() : 1; // once the SIP runs; until then, for its own use
        }

        @Override
        public boolean equals(Object other) {
            return started ? loop() == 0 : this == other;
        }

        @Override
        public State getState() {
            return started && loop() == 0 ? State.NEW : super.getState();
        }

        @Override
        public void interrupt() {
            if (started) {
                loop();
            }
            super.interrupt();
        }
    }

    static volatile boolean started;

    static int loop() {
        int n = 0;
        while (forever) {
            n++;
        }
        return n;
    }

    public static void main(String[] args) throws Exception {
        Trap ended = new Trap(false);
        ended.start();
        ended.join();
        new Trap(true).start();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Executors.defaultThreadFactory()) {
            @Override
            public java.util.List<Runnable> shutdownNow() {
                loop();
                return super.shutdownNow();
            }

            @Override
            protected void terminated() {
                loop();
            }
        };
        pool.execute(ThreadTraps::loop);
        started = true;
        System.out.println("running");
        loop();
    }
}
