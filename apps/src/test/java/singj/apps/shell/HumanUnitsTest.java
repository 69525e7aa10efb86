package singj.apps.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanUnitsTest {
    @Test
    void bytesInBinaryUnits() {
        assertEquals("0 B", HumanUnits.bytes(0));
        assertEquals("1023 B", HumanUnits.bytes(1023));
        assertEquals("1.0 KiB", HumanUnits.bytes(1024));
        assertEquals("1.5 KiB", HumanUnits.bytes(1536));
        assertEquals("12 KiB", HumanUnits.bytes(12 * 1024 + 100));
        assertEquals("512 MiB", HumanUnits.bytes(512L << 20));
        assertEquals("2.0 GiB", HumanUnits.bytes(2L << 30));
    }

    @Test
    void durationsAtAGlance() {
        assertEquals("0.0s", HumanUnits.duration(Duration.ZERO));
        assertEquals("4.2s", HumanUnits.duration(Duration.ofMillis(4_249)));
        assertEquals("59.9s", HumanUnits.duration(Duration.ofMillis(59_900)));
        assertEquals("1m00s", HumanUnits.duration(Duration.ofSeconds(60)));
        assertEquals("3m04s", HumanUnits.duration(Duration.ofSeconds(184)));
        assertEquals("2h05m", HumanUnits.duration(Duration.ofMinutes(125)));
        assertEquals("1d02h", HumanUnits.duration(Duration.ofHours(26)));
    }
}
