package singj.apps.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationTest {
    @Test
    void splitsOnBlanks() {
        assertEquals(new Invocation("run", List.of("echo", "a", "b"), false), Invocation.parse("  run\techo a   b "));
    }

    @Test
    void aLastAmpersandMeansBackground() {
        assertEquals(new Invocation("run", List.of("spin"), true), Invocation.parse("run spin &"));
        assertEquals(new Invocation("run", List.of("echo", "&", "x"), false), Invocation.parse("run echo & x"));
    }

    @Test
    void aQuotedAmpersandIsAnArgument() {
        assertEquals(new Invocation("run", List.of("echo", "&"), false), Invocation.parse("run echo '&'"));
        assertEquals(new Invocation("run", List.of("echo", "&"), false), Invocation.parse("run echo \\&"));
    }

    @Test
    void quotesKeepBlanksAndEscapes() {
        assertEquals(List.of("a b", "it's", "x\"y", "c\\d"),
                Invocation.parse("run 'a b' \"it's\" \"x\\\"y\" 'c\\d'").args().subList(0, 4));
        assertEquals(List.of(""), Invocation.parse("run ''").args());
    }

    @Test
    void blankLinesAndCommentsAreEmpty() {
        assertTrue(Invocation.parse("").isEmpty());
        assertTrue(Invocation.parse("   ").isEmpty());
        assertTrue(Invocation.parse("# a comment").isEmpty());
        assertEquals(List.of("x"), Invocation.parse("run x # trailing").args());
        assertEquals(List.of("a#b"), Invocation.parse("run a#b").args());
    }

    @Test
    void badQuotingIsACommandError() {
        assertEquals("unterminated double quote",
                assertThrows(CommandException.class, () -> Invocation.parse("run \"x")).getMessage());
        assertEquals("unterminated single quote",
                assertThrows(CommandException.class, () -> Invocation.parse("run 'x")).getMessage());
        assertThrows(CommandException.class, () -> Invocation.parse("run x\\"));
        assertThrows(CommandException.class, () -> Invocation.parse("&"));
        assertFalse(Invocation.parse("ps").background());
    }
}
