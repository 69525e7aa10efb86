package singj.kernel.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel half of a SIP's file namespace, against the host tree directly. */
class GrantedDirectoriesTest {
    @TempDir
    Path tmp;

    private static String read(GrantedDirectories files, String path) throws IOException {
        try (SeekableByteChannel channel = files.open(path, path, Set.of(StandardOpenOption.READ))) {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            channel.read(buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mountsAreSeenAtTheirPathsAndTheDirectoriesAboveThemExistOnlyToReachThem() throws IOException {
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve("b"));
        Files.writeString(tmp.resolve("a/x.txt"), "in a");
        Files.writeString(tmp.resolve("b/y.txt"), "in b");
        try (var files = GrantedDirectories.open(List.of(new DirectoryGrant(tmp.resolve("a"), "/work", false),
                new DirectoryGrant(tmp.resolve("b"), "/srv/data/b", true)))) {
            assertEquals("/work", files.workingDirectory());
            assertEquals(List.of("srv", "work"), files.list("/", "/"));
            assertEquals(List.of("data"), files.list("/srv", "/srv"));
            assertTrue(files.attributes("/srv/data", "x").isDirectory());
            assertEquals("in a", read(files, "/work/x.txt"));
            assertEquals("in b", read(files, "/srv/data/b/y.txt"));
            assertThrows(NoSuchFileException.class, () -> files.attributes("/srv/other", "x"));
            assertThrows(AccessDeniedException.class, () -> files.delete("/srv", "/srv"));
            assertThrows(AccessDeniedException.class, () -> files.delete("/srv/data/b", "/srv/data/b"));
            assertTrue(files.writable("/srv/data/b/new") && !files.writable("/work/x.txt"));
            assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> files.createDirectory("/srv", "/srv"));
            assertThrows(AccessDeniedException.class, () -> files.createDirectory("/tmp", "/tmp"));
            assertThrows(AccessDeniedException.class, () -> files.createDirectory("/srv/new", "/srv/new"));
            assertThrows(AccessDeniedException.class, () -> files.createDirectory("/work/new", "/work/new"));
            files.createDirectory("/srv/data/b/new", "n");
            assertTrue(Files.isDirectory(tmp.resolve("b/new")));
            // FileCalls normalizes; a path that is not normalized was forged past it
            assertThrows(IllegalArgumentException.class, () -> files.attributes("/work/../etc", "x"));
            assertThrows(IllegalArgumentException.class, () -> files.attributes("work", "x"));
        }
    }

    @Test
    void theGrantIsTheDirectoryOpenedAtStartNotItsHostPath() throws IOException {
        Path granted = Files.createDirectories(tmp.resolve("granted"));
        Files.writeString(granted.resolve("f.txt"), "original");
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(secret.resolve("f.txt"), "SECRET");
        try (var files = GrantedDirectories.open(List.of(new DirectoryGrant(granted, "/work", false)))) {
            // a host process moves the granted directory away and puts a link to another in its place
            Files.move(granted, tmp.resolve("moved"));
            Files.createSymbolicLink(granted, secret);
            assertEquals("original", read(files, "/work/f.txt"));
        }
    }

    @Test
    void aLinkSwappedInForADirectoryOfTheTreeIsNotFollowed() throws IOException {
        Path granted = Files.createDirectories(tmp.resolve("granted/sub"));
        Files.writeString(granted.resolve("f.txt"), "inside");
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(secret.resolve("f.txt"), "SECRET");
        try (var files = GrantedDirectories.open(List.of(new DirectoryGrant(tmp.resolve("granted"), "/work", true)))) {
            assertEquals("inside", read(files, "/work/sub/f.txt"));
            Files.move(granted, tmp.resolve("granted/old"));
            Files.createSymbolicLink(tmp.resolve("granted/sub"), secret);
            var refused = assertThrows(AccessDeniedException.class, () -> read(files, "/work/sub/f.txt"));
            assertEquals("/work/sub/f.txt", refused.getFile(), "the SIP's path, never the host's");
            assertThrows(AccessDeniedException.class, () -> files.open("/work/sub/g.txt", "g",
                    Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE)));
            assertThrows(AccessDeniedException.class, () -> files.list("/work/sub", "s"));
            files.delete("/work/sub", "s"); // the link itself goes, not what it names
            assertEquals("SECRET", Files.readString(secret.resolve("f.txt")));
            assertTrue(Files.notExists(tmp.resolve("granted/sub"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void filesTheSipHoldsAreClosedWithItAndCountedAgainstItsLimit() throws IOException {
        Files.writeString(tmp.resolve("f.txt"), "x");
        var files = GrantedDirectories.open(List.of(new DirectoryGrant(tmp, "/work", false)));
        SeekableByteChannel first = files.open("/work/f.txt", "f", Set.of(StandardOpenOption.READ));
        for (int i = 1; i < GrantedDirectories.MAX_OPEN; i++) {
            files.open("/work/f.txt", "f", Set.of(StandardOpenOption.READ));
        }
        var refused = assertThrows(FileSystemException.class,
                () -> files.open("/work/f.txt", "f", Set.of(StandardOpenOption.READ)));
        assertTrue(refused.getReason().startsWith("Too many open files"), refused.getReason());
        first.close();
        files.open("/work/f.txt", "f", Set.of(StandardOpenOption.READ)).close(); // a closed one gives its place back
        files.close();
        assertEquals(0, files.openFiles());
        assertTrue(!first.isOpen());
        assertThrows(FileSystemException.class, () -> files.open("/work/f.txt", "f", Set.of(StandardOpenOption.READ)));
    }
}
