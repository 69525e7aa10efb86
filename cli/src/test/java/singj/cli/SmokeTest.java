package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

class SmokeTest {
    @TempDir
    Path work;

    @Test
    void helloWorldPrintsTheSameUnderSingjAsUnderJava() {
        Path jar = ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work);
        var java = ProcessRunner.javaJar(jar, List.of("SIP"), "", Duration.ofSeconds(30));
        var singj = ProcessRunner.singj("", "run", jar.toString(), "SIP");
        assertEquals("Hello, SIP!\n", java.out());
        assertEquals(java.out(), singj.out());
        assertEquals(java.exitCode(), singj.exitCode());
    }
}
