package singj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * A SIP's standard streams carry binary data byte for byte, whether its input was ready (a file,
 * a pipe fed ahead) or had to be waited for, and a SIP killed while it copies dies and stops
 * taking input.
 */
class StandardStreamsTest {
    @TempDir
    static Path work;
    private static Kernel kernel;
    private static Path copyStdin;

    @BeforeAll
    static void boot() {
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
        copyStdin = ProgramCompiler.compileResource("corpus/streams/CopyStdin.java", work);
    }

    @AfterAll
    static void shutDown() {
        kernel.close();
    }

    private static byte[] binary(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** {@code singj run CopyStdin} in this JVM, with {@code in} as standard input; its standard output. */
    private static byte[] runCopy(InputStream in) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code;
        try (var outStream = new PrintStream(out, true); var errStream = new PrintStream(err, true)) {
            code = Main.execute(new String[] {"run", copyStdin.toString()}, in, outStream, errStream);
        }
        assertEquals(0, code, err::toString);
        assertEquals("", err.toString());
        return out.toByteArray();
    }

    @Test
    void aFileOfBinaryDataIsCopiedByteForByte() throws IOException {
        byte[] data = binary(6_000_011);
        Path file = Files.write(work.resolve("binary-input"), data);
        try (InputStream in = Files.newInputStream(file)) {
            assertArrayEquals(data, runCopy(in));
        }
    }

    @Test
    void aPipeFedInBurstsIsCopiedByteForByte() throws Exception {
        byte[] data = binary(4_000_037);
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 64 * 1024);
        Thread feeder = Thread.ofPlatform().start(() -> {
            Random bursts = new Random(5);
            try (writer) {
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + bursts.nextInt(50_000));
                    writer.write(data, at, n);
                    at += n;
                    if (bursts.nextInt(10) == 0) {
                        Thread.sleep(1); // the SIP catches up and waits for input
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertArrayEquals(data, runCopy(pipe));
        feeder.join();
    }

    @Test
    void emptyInputIsTheEndAtOnce() {
        assertArrayEquals(new byte[0], runCopy(InputStream.nullInputStream()));
    }

    /** Input without end, always ready, counting what was taken from it. */
    private static final class EndlessReadyInput extends InputStream {
        final AtomicLong taken = new AtomicLong();

        @Override
        public int read() {
            taken.incrementAndGet();
            return 'x';
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            java.util.Arrays.fill(into, offset, offset + length, (byte) 'x');
            taken.addAndGet(length);
            return length;
        }

        @Override
        public int available() {
            return 1 << 20;
        }
    }

    /** Output that counts what reached it. */
    private static final class CountingOutput extends OutputStream {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void write(int b) {
            bytes.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            bytes.addAndGet(length);
        }
    }

    @Test
    void aSipKilledWhileItCopiesDiesAndTakesNoMoreInput() throws Exception {
        assertKilledMidCopy(copyStdin, "CopyStdin");
    }

    @Test
    void greedyReadersOnManyThreadsDieOnTheKill() throws Exception {
        assertKilledMidCopy(ProgramCompiler.compileResource("corpus/streams/GreedyReaders.java", work), "GreedyReaders");
    }

    private static void assertKilledMidCopy(Path jar, String name) throws Exception {
        var in = new EndlessReadyInput();
        var out = new CountingOutput();
        Proc sip = kernel.spawn(Installer.standard().seal(ProgramJar.read(jar), name, 0),
                SipOptions.of(new Stdio(in, out, OutputStream.nullOutputStream())));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (out.bytes.get() < 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(out.bytes.get() >= 1_000, name + " copied nothing");

        assertTrue(sip.kill(KillCause.REQUESTED, "killed mid-copy"));
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
        assertNotNull(status, () -> name + " is still " + sip.state() + " 10 s after the kill (" + sip.holdUp() + ")");
        assertEquals(new ExitStatus(ExitStatus.KILLED, KillCause.REQUESTED, "killed mid-copy"), status);
        assertEquals(0, sip.threadCount(), name + " left threads behind");
        long takenAtExit = in.taken.get();
        Thread.sleep(100);
        assertEquals(takenAtExit, in.taken.get(), "input is still taken after the SIP's death");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("sip-" + sip.pid() + "-stdin")),
                "the dead SIP's input pump still runs");
    }
}
