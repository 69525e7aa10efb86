package singj.apps.shell;

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
                "mkdir", "rm", "mv", "df", "cd", "pwd", "install", "exit"), table.names());
        for (String name : table.names()) {
            assertEquals(name, table.find(name).orElseThrow().name());
        }
        assertEquals(Optional.empty(), table.find("pss"));
    }

    @Test
    void theConsoleIsToldEveryCommandWithItsSummaryForCompletion() {
        List<String> lines = table.completionTable().lines().toList();
        assertEquals(table.names(), lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).toList());
        assertEquals("ps\tList the running SIPs.", lines.get(1));
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
