package singj.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A program's arguments travel in one string of a {@link ProcessControl.Spawn}: every list must come back as it went. */
class ProcessControlArgumentsTest {
    @Test
    void everyListComesBackAsItWent() {
        for (List<String> args : List.of(List.<String>of(), List.of(""), List.of("", ""), List.of("one"),
                List.of("two words", "", "x"), List.of("a\nb", "tab\there", "ünïcødé"))) {
            assertEquals(args, ProcessControl.splitArguments(ProcessControl.joinArguments(args)), args.toString());
        }
    }

    @Test
    void noArgumentsAndOneEmptyArgumentDiffer() {
        assertEquals(List.of(), ProcessControl.splitArguments(ProcessControl.joinArguments(List.of())));
        assertEquals(List.of(""), ProcessControl.splitArguments(ProcessControl.joinArguments(List.of(""))));
    }

    @Test
    void anArgumentHoldingNulIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> ProcessControl.joinArguments(List.of("ok", "bad\0")));
        assertEquals("an argument holds the character NUL: bad?", e.getMessage());
    }
}
