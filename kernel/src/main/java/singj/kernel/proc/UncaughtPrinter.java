package singj.kernel.proc;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import singj.abi.runtime.HostFrames;
import singj.abi.runtime.SipKilled;

/**
 * Prints a SIP's uncaught exception as the JVM does ({@code Exception in thread "main" ...}),
 * on the SIP's own thread. Printing an exception runs its code: {@code toString},
 * {@code getMessage}, {@code getStackTrace}, {@code getCause}, {@code printStackTrace} may be the
 * program's own, and may loop, throw, or produce gigabytes. So the text is cut after
 * {@link #MAX_BYTES}, an exception thrown while printing is named (by its class, never by
 * calling it) instead of escaping, and the caller kills the SIP if printing takes longer than
 * {@link #DEADLINE} ({@link Proc}). No kernel thread ever calls these methods.
 */
final class UncaughtPrinter {
    /** How long printing may take before the SIP is killed. */
    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** The most text an uncaught exception prints: 1024 frames (the JVM's default depth) fit many times over. */
    static final int MAX_BYTES = 1 << 20;

    private UncaughtPrinter() {}

    /**
     * Prints {@code throwable}, which ended {@code thread}, to {@code err}. A kill while printing
     * (the deadline) propagates: the caller's thread is unwinding.
     */
    static void print(Thread thread, Throwable throwable, PrintStream err) {
        String threadName = thread.getName(); // final in Thread: the JDK's code, whatever the class
        synchronized (err) { // as the JVM's own handler does: one trace at a time
            var limited = new LimitedOutput(err, "singj: the rest of this " + throwable.getClass().getName()
                    + " was cut: it printed more than " + MAX_BYTES / 1024 + " KiB");
            var stream = new PrintStream(limited, true, err.charset());
            try {
                stream.print("Exception in thread \"" + threadName + "\" ");
                HostFrames.hide(throwable);
                throwable.printStackTrace(stream);
                stream.flush();
            } catch (SipKilled killed) {
                err.println(); // ends the line it broke off, for the kernel's line about the kill
                throw killed;
            } catch (Cut cut) {
                // the notice is printed already
            } catch (Throwable broken) { // StackOverflowError and OutOfMemoryError included: the SIP's code is unwound
                err.println();
                err.println("singj: printing this " + throwable.getClass().getName() + " failed: its code threw "
                        + broken.getClass().getName());
            }
            err.flush();
        }
    }

    /**
     * Passes bytes on to the SIP's standard error until {@link #MAX_BYTES}, then prints a notice
     * and stops the printing; later writes (by code that caught that) pass nothing on.
     */
    private static final class LimitedOutput extends OutputStream {
        private final PrintStream target;
        private final String cutNotice;
        private long written;
        private boolean cut;

        LimitedOutput(PrintStream target, String cutNotice) {
            this.target = target;
            this.cutNotice = cutNotice;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (cut) {
                throw new Cut();
            }
            int now = (int) Math.min(MAX_BYTES - written, length);
            target.write(bytes, offset, now);
            written += now;
            if (now < length) {
                cut = true;
                target.println();
                target.println(cutNotice);
                throw new Cut();
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }

    /** Thrown through the printing code (a PrintStream passes on what is not an IOException) to stop it. */
    private static final class Cut extends RuntimeException {
        Cut() {
            super("cut", null, false, false);
        }
    }
}
