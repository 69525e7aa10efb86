package singj.apps.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import singj.abi.Directory;

class FileClientTest {
    @Test
    void theShellsSlashIsTheRootAndEverythingElseGoesToTheFileSystemAsTyped() {
        assertEquals("", FileClient.path(""));
        assertEquals("", FileClient.path("/"));
        assertEquals("docs/a.txt", FileClient.path("/docs/a.txt"));
        assertEquals("docs", FileClient.path("docs//"));
        // only one leading slash is the shell's: the file system refuses the rest (bad-path), as it does '..'
        assertEquals("/etc", FileClient.path("//etc"));
        assertEquals("../x", FileClient.path("/../x"));
    }

    @Test
    void aPathWithoutALeadingSlashIsBelowTheCurrentDirectory() {
        assertEquals("docs/a.txt", FileClient.path("docs", "a.txt"));
        assertEquals("a.txt", FileClient.path("docs", "/a.txt"));
        assertEquals("docs", FileClient.path("docs", ""));
        assertEquals("a.txt", FileClient.path("", "a.txt"));
        // '..' is not the shell's to resolve inside a path: the file system refuses it
        assertEquals("docs/../x", FileClient.path("docs", "../x"));
    }

    @Test
    void aRefusalNamesTheCommandThePathTheErrorInWordsAndTheReason() {
        FileClient.Refused refused = FileClient.failure("cat", "a/b", Directory.NOT_FOUND, "no 'a'");
        assertEquals("cat: a/b: no such file or directory (no 'a')", refused.getMessage());
        assertEquals(Directory.NOT_FOUND, refused.error);
        assertEquals("rm: x: too-many-open (64 open)",
                FileClient.failure("rm", "x", Directory.TOO_MANY_OPEN, "64 open").getMessage(), "an error with no words keeps its name");
    }
}
