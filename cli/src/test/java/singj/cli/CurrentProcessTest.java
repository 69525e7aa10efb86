package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * {@code ProcessHandle.current()} in a SIP is the SIP, as {@code System.exit} ends the SIP: its pid
 * is the one the kernel gave the SIP ({@code Sip.pid()}), not the pid of the JVM every SIP shares
 * (this test's own: {@code singj run} runs here).
 */
class CurrentProcessTest {
    @TempDir
    Path work;

    @Test
    void theCurrentProcessIsTheSip() {
        String source = """
                public class Pids {
                    public static void main(String[] args) {
                        ProcessHandle self = ProcessHandle.current();
                        System.out.println(self.pid() + " " + singj.abi.Sip.pid() + " " + self + " "
                                + self.parent().isPresent() + " " + self.children().count() + " " + self.info().command().isPresent());
                    }
                }
                """;
        Path jar = ProgramCompiler.compile("Pids", Map.of("Pids.java", source), work);
        var run = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] words = run.out().strip().split(" ");
        assertEquals(words[1], words[0], "ProcessHandle.current().pid() answers the SIP's pid: " + run.out());
        assertEquals(words[0], words[2], "and the handle is named by it: " + run.out());
        assertNotEquals(Long.toString(ProcessHandle.current().pid()), words[0], "not the JVM's pid: " + run.out());
        assertEquals("false 0 false", words[3] + " " + words[4] + " " + words[5],
                "no parent, children or host command line is visible: " + run.out());
    }
}
