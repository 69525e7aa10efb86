package singj.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import singj.installer.SystemImage;
import singj.kernel.ExitStatus;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.KillCause;
import singj.kernel.SealedProgram;
import singj.kernel.Sip;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;

/**
 * A SIP of a program whose {@code main} waits for standard input to end, on a kernel of its own,
 * for calling the program's static methods from a benchmark thread.
 */
final class RunningSip implements AutoCloseable {
    private final Kernel kernel;
    private final Sip sip;

    RunningSip(SealedProgram program) {
        // an image directory that is never written: the program is spawned from its sealed form
        kernel = Kernel.boot(new SystemImage(Path.of(System.getProperty("java.io.tmpdir"), "singj-bench-no-image")),
                KernelConfig.defaults());
        sip = kernel.spawn(program, SipOptions.of(new Stdio(new EndlessInput(), OutputStream.nullOutputStream(), System.err)));
    }

    /** A static method of the program, running its sealed code on the caller's thread. */
    MethodHandle staticEntry(Class<?> owner, String name, MethodType type) {
        return sip.staticEntry(owner.getName(), name, type);
    }

    @Override
    public void close() throws InterruptedException {
        sip.kill(KillCause.REQUESTED, "benchmark over");
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
        kernel.close();
        if (status == null) {
            throw new IllegalStateException(sip + " did not exit within 10s of being killed");
        }
    }

    /** Standard input that never delivers a byte; reading it blocks until the kernel interrupts the reader. */
    private static final class EndlessInput extends InputStream {
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            try {
                never.await();
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("standard input closed");
            }
        }
    }
}
