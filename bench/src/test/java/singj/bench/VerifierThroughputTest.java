package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The throughput benchmark measures real work: on a small JDK module, SingJ's verifier accepts
 * every class (real compiled code must pass) and the JVM defines and links every one of them.
 */
class VerifierThroughputTest {
    @Test
    void theJdksOwnClassesPassOursAndLinkInTheJvm() {
        VerifierThroughput benchmark = new VerifierThroughput();
        benchmark.module = "jdk.httpserver";
        benchmark.setUp();
        int classes = benchmark.classes.size();
        assertTrue(classes > 50, "the module has " + classes + " classes");
        assertEquals(java.util.List.of(), benchmark.singj());
        assertEquals(classes, benchmark.jvmDefineAndVerify());
    }
}
