package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.Proc;

/** Two SIPs of one program at once: each has its own static fields and runs its own class initialisation. */
class SipIsolationTest {
    @TempDir
    Path work;

    @Test
    void sipsOfOneProgramShareNoStaticState() throws Throwable {
        SealedProgram counter = Installer.standard().seal(
                ProgramJar.read(ProgramCompiler.compileResource("corpus/isolation/Counter.java", work)), "counter", 0);
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            var firstOut = new ByteArrayOutputStream();
            var secondOut = new ByteArrayOutputStream();
            var firstIn = new PipedOutputStream();
            var secondIn = new PipedOutputStream();
            Proc first = kernel.spawn(counter, SipOptions.of(
                    new Stdio(new PipedInputStream(firstIn), firstOut, System.err), "5"));
            Proc second = kernel.spawn(counter, SipOptions.of(
                    new Stdio(new PipedInputStream(secondIn), secondOut, System.err), "7"));
            awaitOutput(firstOut, "count=105 initialisations=1");
            awaitOutput(secondOut, "count=107 initialisations=1");

            // both are alive at once; read their statics directly: each sees only its own
            var count = MethodType.methodType(int.class);
            assertEquals(105, (int) first.staticEntry("Counter", "count", count).invokeExact());
            assertEquals(107, (int) second.staticEntry("Counter", "count", count).invokeExact());
            assertEquals(1, (int) first.staticEntry("Counter", "initialisations", count).invokeExact());
            assertNotEquals(first.classLoaderReference().get(), second.classLoaderReference().get());

            firstIn.write("go\n".getBytes(StandardCharsets.UTF_8));
            firstIn.close();
            ExitStatus firstExit = first.awaitExit(Duration.ofSeconds(10));
            assertNotNull(firstExit);
            assertEquals(0, firstExit.code());
            assertEquals("count=105 initialisations=1\nbye from " + first.pid() + "\n", firstOut.toString(StandardCharsets.UTF_8));
            assertEquals(107, (int) second.staticEntry("Counter", "count", count).invokeExact(),
                    "the second SIP is untouched by the first one's exit");
            secondIn.close();
            assertEquals(0, second.awaitExit(Duration.ofSeconds(10)).code());
        }
    }

    private static void awaitOutput(ByteArrayOutputStream out, String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + line + "' in: " + out.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(5);
        }
    }
}
