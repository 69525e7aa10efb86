package singj.services.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTableTest {
    private final CommandTable table = CommandTable.standard();

    @Test
    void findsEveryCommandByName() {
        assertEquals(List.of("help", "ps", "programs", "run", "kill", "ns", "channels", "heap", "ls", "cat", "write",
                "mkdir", "rm", "mv", "df", "install", "exit"), table.names());
        for (String name : table.names()) {
            assertEquals(name, table.find(name).orElseThrow().name());
        }
        assertEquals(Optional.empty(), table.find("pss"));
    }

    @Test
    void suggestsTheNearestCommandForATypo() {
        assertEquals(Optional.of("ps"), table.suggest("pss"));
        assertEquals(Optional.of("ps"), table.suggest("sp"));
        assertEquals(Optional.of("exit"), table.suggest("exot"));
        assertEquals(Optional.of("kill"), table.suggest("kil"));
        assertEquals(Optional.of("install"), table.suggest("instal"));
        assertEquals(Optional.of("programs"), table.suggest("programms"));
    }

    @Test
    void suggestsTheOnlyCommandAPrefixBegins() {
        assertEquals(Optional.of("programs"), table.suggest("prog"));
        assertEquals(Optional.of("install"), table.suggest("inst"));
    }

    @Test
    void suggestsNothingForAWordFarFromEveryCommand() {
        assertEquals(Optional.empty(), table.suggest("xyzzy"));
        assertEquals(Optional.empty(), table.suggest("zz"));
        assertEquals("no command 'xyzzy' (type 'help' for the list)", table.unknown("xyzzy"));
        assertEquals("no command 'pss'; did you mean 'ps'?", table.unknown("pss"));
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertEquals(0, EditDistance.between("run", "run"));
        assertEquals(1, EditDistance.between("pss", "ps"));
        assertEquals(1, EditDistance.between("exot", "exit"));
        assertEquals(3, EditDistance.between("", "run"));
        assertEquals(3, EditDistance.between("kitten", "sitting"));
        assertEquals(1, EditDistance.between("sp", "ps"));
        assertEquals(1, EditDistance.between("rnu", "run"));
    }

    @Test
    void refusesTwoCommandsOfOneName() {
        assertThrows(IllegalArgumentException.class, () -> new CommandTable(List.of(new PsCommand(), new PsCommand())));
    }
}
