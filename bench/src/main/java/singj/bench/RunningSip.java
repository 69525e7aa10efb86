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
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * A SIP of a program whose {@code main} waits for standard input to end, on a kernel of its own,
 * for calling the program's static methods from a benchmark thread.
 */
final class RunningSip implements AutoCloseable {
    private final Kernel kernel;
    private final boolean ownsKernel;
    private final Proc sip;

    RunningSip(SealedProgram program) {
        this(bootKernel(), true, program);
    }

    /** A SIP of {@code program} on {@code kernel}, which the caller shares between SIPs and closes itself. */
    RunningSip(Kernel kernel, SealedProgram program) {
        this(kernel, false, program);
    }

    private RunningSip(Kernel kernel, boolean ownsKernel, SealedProgram program) {
        this.kernel = kernel;
        this.ownsKernel = ownsKernel;
        sip = kernel.spawn(program, SipOptions.of(new Stdio(new EndlessInput(), OutputStream.nullOutputStream(), System.err)));
    }

    /** A kernel for benchmarks, on an image directory that is never written (programs are spawned from their sealed form). */
    static Kernel bootKernel() {
        return Kernel.boot(new SystemImage(Path.of(System.getProperty("java.io.tmpdir"), "singj-bench-no-image")),
                KernelConfig.defaults());
    }

    Proc sip() {
        return sip;
    }

    /** A static method of the program, running its sealed code on the caller's thread. */
    MethodHandle staticEntry(Class<?> owner, String name, MethodType type) {
        return sip.staticEntry(owner.getName(), name, type);
    }

    @Override
    public void close() throws InterruptedException {
        sip.kill(KillCause.REQUESTED, "benchmark over");
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
        if (ownsKernel) {
            kernel.close();
        }
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
