package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * java encodes System.out and System.err with the host's stdout.encoding/stderr.encoding, which
 * is US-ASCII in the C locale; a SIP's streams must encode the same way, not always in UTF-8.
 */
class OutputEncodingTest {
    @TempDir
    Path work;

    @Test
    void sipStreamsUseTheHostsStdoutEncodingAsJavaDoes() {
        Path jar = ProgramCompiler.compile("Accents", Map.of("Accents.java", """
                public class Accents {
                    public static void main(String[] args) {
                        System.out.println("naïve café ✓");
                        System.err.println("erreur: déjà vu");
                    }
                }
                """), work);
        var java = ProcessRunner.javaJar(List.of("-Dstdout.encoding=US-ASCII", "-Dstderr.encoding=US-ASCII"),
                jar, List.of(), "", Duration.ofSeconds(30));
        String stdout = System.getProperty("stdout.encoding");
        String stderr = System.getProperty("stderr.encoding");
        ProcessRunner.Result singj;
        try {
            System.setProperty("stdout.encoding", "US-ASCII");
            System.setProperty("stderr.encoding", "US-ASCII");
            singj = ProcessRunner.singj("", "run", jar.toString());
        } finally {
            restore("stdout.encoding", stdout);
            restore("stderr.encoding", stderr);
        }
        assertNotEquals("naïve café ✓\n", java.out(), "the baseline should have lost the accents");
        assertEquals(java.out(), singj.out());
        assertEquals(java.err(), singj.err());
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
