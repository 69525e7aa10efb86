package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The start benchmark's SIP really runs its program to a clean exit, both ways it is measured. */
class SipStartTest {
    @Test
    void theHelloSipRunsMainAndExitsCleanly() throws Exception {
        SipStart benchmark = new SipStart();
        benchmark.setUp();
        try {
            assertEquals(0, benchmark.sipSpawnAndReap().code());
            SipStart.Started started = new SipStart.Started();
            benchmark.sipSpawnUntilMain(started); // fails unless the SIP's main writes its line
            started.end();
        } finally {
            benchmark.tearDown();
        }
    }
}
