package singj.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import singj.bench.workloads.OneLine;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.Proc;

/**
 * How long starting a SIP of an installed program takes, beside what starting a Linux process
 * and a thread take in the same run.
 * <ul>
 * <li>{@code *AndReap}/{@code *AndWait}/{@code *AndJoin}: from the request until it has ended
 *     and been cleaned up ({@code main} returns at once);</li>
 * <li>{@code *UntilMain}/{@code *UntilRunning}: from the request until its first line of code
 *     runs (the SIP's first output reaches the host; the thread counts a latch down). The
 *     reaping is left out of the measurement.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SipStart {
    private static final Runnable NOTHING = () -> { };

    private Kernel kernel;
    private SealedProgram hello;

    @Setup
    public void setUp() {
        kernel = Kernel.boot(new SystemImage(Path.of(System.getProperty("java.io.tmpdir"), "singj-bench-no-image")),
                KernelConfig.defaults());
        hello = SealedPrograms.seal("hello", OneLine.class);
    }

    @TearDown
    public void tearDown() {
        kernel.close();
    }

    // ---- start until ended and cleaned up ---------------------------------------------------

    @Benchmark
    public ExitStatus sipSpawnAndReap() throws InterruptedException {
        Proc sip = kernel.spawn(hello, SipOptions.of(Stdio.none()));
        return sip.awaitExit();
    }

    @Benchmark
    public int processStartAndWait() throws IOException, InterruptedException {
        return new ProcessBuilder("/bin/true").start().waitFor();
    }

    @Benchmark
    public Thread platformThreadStartAndJoin() throws InterruptedException {
        Thread thread = Thread.ofPlatform().start(NOTHING);
        thread.join();
        return thread;
    }

    @Benchmark
    public Thread virtualThreadStartAndJoin() throws InterruptedException {
        Thread thread = Thread.ofVirtual().start(NOTHING);
        thread.join();
        return thread;
    }

    // ---- start until the first line of code runs --------------------------------------------

    /** What one invocation started, ended outside the measured time. */
    @State(Scope.Thread)
    public static class Started {
        Proc sip;
        Thread thread;

        @TearDown(Level.Invocation)
        public void end() throws InterruptedException {
            if (sip != null && sip.awaitExit(Duration.ofSeconds(10)) == null) {
                throw new IllegalStateException(sip + " did not end");
            }
            if (thread != null) {
                thread.join();
            }
            sip = null;
            thread = null;
        }
    }

    @Benchmark
    public void sipSpawnUntilMain(Started started) throws InterruptedException {
        FirstWrite output = new FirstWrite();
        started.sip = kernel.spawn(hello, SipOptions.of(new Stdio(InputStream.nullInputStream(), output,
                OutputStream.nullOutputStream())));
        output.await();
    }

    @Benchmark
    public void platformThreadStartUntilRunning(Started started) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        started.thread = Thread.ofPlatform().start(running::countDown);
        running.await();
    }

    @Benchmark
    public void virtualThreadStartUntilRunning(Started started) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        started.thread = Thread.ofVirtual().start(running::countDown);
        running.await();
    }

    /** An output stream that tells when the first bytes arrive. */
    private static final class FirstWrite extends OutputStream {
        private final CountDownLatch written = new CountDownLatch(1);

        @Override
        public void write(int b) {
            written.countDown();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            written.countDown();
        }

        void await() throws InterruptedException {
            if (!written.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the SIP wrote nothing within 10s");
            }
        }
    }
}
