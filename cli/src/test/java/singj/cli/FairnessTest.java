package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
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
 * SIP main threads are virtual threads, which the JVM does not time-slice: more computing SIPs
 * than carrier threads must still let a new SIP run.
 */
class FairnessTest {
    @TempDir
    Path work;

    @Test
    void computingSipsDoNotStarveOthers() throws Exception {
        Installer installer = Installer.standard();
        SealedProgram spinner = installer.seal(
                ProgramJar.read(ProgramCompiler.compileResource("corpus/isolation/Spinner.java", work)), "spinner", 0);
        SealedProgram hello = installer.seal(
                ProgramJar.read(ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work)), "hello", 0);
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            List<Sip> spinners = new ArrayList<>();
            int carriers = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < carriers + 2; i++) {
                spinners.add(kernel.spawn(spinner, SipOptions.of(Stdio.none())));
            }
            Thread.sleep(200); // let them take every carrier
            var out = new ByteArrayOutputStream();
            Sip greeter = kernel.spawn(hello, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err)));
            ExitStatus status = greeter.awaitExit(Duration.ofSeconds(5));
            assertNotNull(status, "hello did not finish beside " + spinners.size() + " computing SIPs; it printed: " + out + " state " + greeter.state());
            assertEquals(0, status.code());
            assertEquals("Hello, world!\n", out.toString(StandardCharsets.UTF_8));
            for (Sip s : spinners) {
                s.kill(KillCause.REQUESTED, "test over");
                assertNotNull(s.awaitExit(Duration.ofSeconds(2)), s + " did not die");
            }
        }
    }
}
