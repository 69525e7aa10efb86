package singj.kernel.proc;

/**
 * Where a SIP is in its life. Each state says which states may follow it, so the legal transitions
 * are read here and nowhere else:
 *
 * <pre>
 * Running --stop--> Stopping --end--> Ended     (Running --abandon--> Ended: its start failed)
 *                      |  ^ heldUpBy       ^
 *                      v                   |
 *                    Stuck ----- end ------+
 * </pre>
 *
 * A SIP stops exactly once (the first of its exit, its {@code main} returning, or a kill wins);
 * {@link Reaper} then stops its threads. A thread that has not unwound by {@link Reaper#STOP_DEADLINE}
 * makes it {@link Stuck}: what it held that others may want is given back, its class loader and
 * memory stay until its threads end, and it stays listed. It ends once nothing of it can run.
 */
public sealed interface Lifecycle {
    /** What {@code ps} shows for it. */
    SipState summary();

    /** Its threads run. */
    record Running() implements Lifecycle {
        @Override
        public SipState summary() {
            return SipState.RUNNING;
        }

        Stopping stop(ExitStatus status) {
            return new Stopping(status, System.nanoTime(), null);
        }

        /** A SIP whose start failed: none of its code ran, and it has no exit status. */
        Ended abandon() {
            return new Ended(null);
        }
    }

    /**
     * It exited or was killed ({@code status}) at {@code sinceNanos} ({@link System#nanoTime}); the
     * kernel is stopping its remaining threads.
     *
     * @param holdUp why the last thread tried has not been stopped yet, or null
     */
    record Stopping(ExitStatus status, long sinceNanos, String holdUp) implements Lifecycle {
        @Override
        public SipState summary() {
            return SipState.STOPPING;
        }

        Stopping heldUpBy(String why) {
            return new Stopping(status, sinceNanos, why);
        }

        Stuck stuck(String reason) {
            return new Stuck(status, sinceNanos, reason);
        }

        Ended end() {
            return new Ended(status);
        }
    }

    /**
     * A thread of it did not stop within {@link Reaper#STOP_DEADLINE}: it waits where the JVM
     * delivers no exception, or where stopping it would be unsafe ({@code reason}). Its names,
     * channels and blocks have been given back; the kernel keeps trying.
     */
    record Stuck(ExitStatus status, long sinceNanos, String reason) implements Lifecycle {
        @Override
        public SipState summary() {
            return SipState.STOPPING;
        }

        Stuck heldUpBy(String why) {
            return new Stuck(status, sinceNanos, why);
        }

        Ended end() {
            return new Ended(status);
        }
    }

    /** Nothing of it remains but its exit status. */
    record Ended(ExitStatus status) implements Lifecycle {
        @Override
        public SipState summary() {
            return SipState.DEAD;
        }
    }
}
