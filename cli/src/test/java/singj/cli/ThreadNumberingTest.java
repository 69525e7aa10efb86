package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * java names unnamed platform threads "Thread-N" from a counter that starts at 0 in every JVM.
 * Many SIPs share one JVM, so each SIP counts its own: a second run in the same JVM must print
 * the same names as the first.
 */
class ThreadNumberingTest {
    @TempDir
    Path work;

    @Test
    void everySipNumbersItsUnnamedThreadsFromZero() {
        Path jar = ProgramCompiler.compile("Unnamed", Map.of("Unnamed.java", """
                public class Unnamed {
                    public static void main(String[] args) throws Exception {
                        Thread plain = new Thread(() -> { });
                        Thread subclass = new Thread() { };
                        Thread built = Thread.ofPlatform().unstarted(() -> { });
                        Thread named = new Thread(() -> { }, "Thread-99");
                        System.out.println(plain.getName() + " " + subclass.getName() + " " + built.getName()
                                + " " + named.getName());
                    }
                }
                """), work);
        String expected = "Thread-0 Thread-1 Thread-2 Thread-99\n";
        assertEquals(expected, ProcessRunner.singj("", "run", jar.toString()).out());
        assertEquals(expected, ProcessRunner.singj("", "run", jar.toString()).out(), "a second SIP in the same JVM");
    }
}
