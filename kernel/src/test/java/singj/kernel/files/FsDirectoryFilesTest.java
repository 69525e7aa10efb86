package singj.kernel.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.ChannelClosedException;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.runtime.files.FsDirectoryFiles;
import singj.abi.runtime.files.MountedFiles;
import singj.abi.runtime.files.SipFiles;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;
import singj.kernel.ipc.Ipc;

/**
 * The file namespace's file-system backend against a stand-in file system served over real
 * channels: paths relative to the handed directory, the file system's errors as the JDK's
 * exceptions, the read-only grant refused before any message, open files (read, write, seek,
 * append, truncate) and their bound, and {@link MountedFiles} routing beside the host grants.
 */
class FsDirectoryFilesTest {
    private final Ipc ipc = new Ipc(64L << 20);
    private final Holdings client = holdings(2, "client", 1L << 20);
    private final Holdings server = holdings(3, "file-system", 1L << 20);
    /** Every request the stand-in received, in order. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** The one file's bytes, "a.txt" in the handed directory. */
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    private static Holdings holdings(int pid, String program, long exchange) {
        return new Holdings(pid, program, Grants.ALL, exchange, () -> false, () -> new AssertionError("not killed"));
    }

    @AfterEach
    void close() {
        ipc.close();
    }

    /** A directory endpoint of the client's, served by the stand-in. */
    private Endpoint<Directory> directory() {
        Channel<Directory> channel = ipc.newChannel(Directory.class, client);
        @SuppressWarnings("unchecked")
        Endpoint<Directory> served = (Endpoint<Directory>) ipc.move(channel.server(), server);
        Thread.ofPlatform().daemon().start(() -> serveDirectory(served));
        return channel.client();
    }

    private void serveDirectory(Endpoint<Directory> dir) {
        try {
            while (true) {
                Message request = dir.receive();
                requests.add(request.toString());
                switch (request) {
                    case Directory.Stat(String path) -> dir.send(switch (path) {
                        case "" , "sub" -> new Directory.Status(true, 4096, 1, 1);
                        case "a.txt" -> new Directory.Status(false, file.size(), 1, 7);
                        default -> new Directory.Failed(Directory.NOT_FOUND, "no '" + path + "'");
                    });
                    case Directory.List(String path) -> {
                        for (String name : List.of("a.txt", "sub")) {
                            dir.send(new Directory.Entry(name, name.equals("sub"), 0));
                            dir.receive();
                        }
                        dir.send(new Directory.End());
                    }
                    case Directory.CreateDirectory(String path) -> dir.send(path.equals("sub")
                            ? new Directory.Failed(Directory.EXISTS, "'sub' exists") : new Directory.Done());
                    case Directory.Delete(String path) -> dir.send(path.equals("sub")
                            ? new Directory.Failed(Directory.NOT_EMPTY, "'sub' holds a.txt") : new Directory.Done());
                    case Directory.OpenFile(String path, boolean create, boolean truncate) -> {
                        if (path.equals("sub")) {
                            dir.send(new Directory.Failed(Directory.IS_A_DIRECTORY, "'sub' is a directory"));
                        } else if (path.equals("a.txt") || create) {
                            if (truncate) {
                                file.reset();
                            }
                            Channel<FileHandle> handle = ipc.newChannel(FileHandle.class, server);
                            Endpoint<FileHandle> end = handle.server();
                            Thread.ofPlatform().daemon().start(() -> serveFile(end));
                            dir.send(new Directory.OpenedFile(handle.client()));
                        } else {
                            dir.send(new Directory.Failed(Directory.NOT_FOUND, "no '" + path + "'"));
                        }
                    }
                    default -> dir.send(new Directory.Failed(Directory.BAD_REQUEST, request.toString()));
                }
            }
        } catch (ChannelClosedException gone) {
            // the client closed it
        }
    }

    private void serveFile(Endpoint<FileHandle> handle) {
        long position = 0;
        try {
            while (true) {
                switch (handle.receive()) {
                    case FileHandle.Read(int length, Block into) -> {
                        byte[] bytes = file.toByteArray();
                        int n = (int) Math.max(0, Math.min(length, bytes.length - position));
                        into.copyFrom(bytes, (int) position, 0, n);
                        position += n;
                        handle.send(new FileHandle.Data(into, n));
                    }
                    case FileHandle.Write(int length, Block from) -> {
                        byte[] old = file.toByteArray();
                        byte[] bytes = new byte[(int) Math.max(old.length, position + length)];
                        System.arraycopy(old, 0, bytes, 0, old.length);
                        from.copyTo(0, bytes, (int) position, length);
                        file.reset();
                        file.writeBytes(bytes);
                        position += length;
                        handle.send(new FileHandle.Written(from, length));
                    }
                    case FileHandle.Seek(long to) -> {
                        position = to;
                        handle.send(new FileHandle.Position(to));
                    }
                    case FileHandle.Stat() -> handle.send(new FileHandle.Status(file.size(), position, 7));
                    case FileHandle.Truncate(long size) -> {
                        byte[] old = file.toByteArray();
                        file.reset();
                        file.write(old, 0, (int) size);
                        handle.send(new FileHandle.Truncated(size));
                    }
                    case Message other -> handle.send(new FileHandle.Failed(Directory.BAD_REQUEST, other.toString(), null));
                }
            }
        } catch (ChannelClosedException gone) {
            // closed by the client
        }
    }

    private FsDirectoryFiles fs(boolean writable) {
        return new FsDirectoryFiles(directory(), "/job", writable, bytes -> ipc.allocate(client, bytes));
    }

    private static String read(SeekableByteChannel channel) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(1000);
        while (channel.read(buffer) > 0) {
            // until the end
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    @Test
    void pathsGoRelativeToTheDirectoryAndErrorsAreTheJdksExceptions() throws Exception {
        SipFiles files = new MountedFiles(SipFiles.NONE, List.of(), fs(true));
        assertEquals("/job", files.workingDirectory());
        assertTrue(files.attributes("/", "/").isDirectory(), "the root leads to the mount");
        assertEquals(List.of("job"), files.list("/", "/"));
        assertEquals(List.of("a.txt", "sub"), files.list("/job", "."));
        assertTrue(files.attributes("/job/sub", "sub").isDirectory());
        assertEquals("Stat[path=sub]", requests.getLast(), "relative to the handed directory");

        assertEquals("gone.txt", assertThrows(NoSuchFileException.class, () -> files.attributes("/job/gone.txt", "gone.txt"))
                .getMessage());
        assertThrows(FileAlreadyExistsException.class, () -> files.createDirectory("/job/sub", "sub"));
        assertThrows(DirectoryNotEmptyException.class, () -> files.delete("/job/sub", "sub"));
        assertEquals("sub: Is a directory", assertThrows(FileSystemException.class,
                () -> files.open("/job/sub", "sub", Set.of(StandardOpenOption.READ))).getMessage());
        int before = requests.size();
        // outside the directory: the file system is not asked
        assertThrows(NoSuchFileException.class, () -> files.attributes("/secret.txt", "../secret.txt"));
        assertThrows(NoSuchFileException.class, () -> files.open("/secret.txt", "/secret.txt", Set.of(StandardOpenOption.READ)));
        assertThrows(AccessDeniedException.class, () -> files.delete("/job", "."));
        assertThrows(AccessDeniedException.class, () -> files.delete("/", "/"));
        assertThrows(FileAlreadyExistsException.class, () -> files.createDirectory("/job", "."));
        assertEquals(before, requests.size(), requests.toString());
    }

    @Test
    void aReadOnlyDirectoryRefusesEveryChangeBeforeAMessageIsSent() throws Exception {
        SipFiles files = new MountedFiles(SipFiles.NONE, List.of(), fs(false));
        file.writeBytes("kept".getBytes(StandardCharsets.UTF_8));
        assertFalse(files.writable("/job/a.txt"));
        assertThrows(AccessDeniedException.class, () -> files.open("/job/a.txt", "a.txt",
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)));
        assertThrows(AccessDeniedException.class, () -> files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.APPEND)));
        assertThrows(AccessDeniedException.class, () -> files.createDirectory("/job/new", "new"));
        assertThrows(AccessDeniedException.class, () -> files.delete("/job/a.txt", "a.txt"));
        assertEquals(List.of(), requests);
        try (SeekableByteChannel in = files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.READ))) {
            assertEquals("kept", read(in));
        }
    }

    @Test
    void openFilesReadWriteSeekAppendAndTruncateAndAreBounded() throws Exception {
        SipFiles files = new MountedFiles(SipFiles.NONE, List.of(), fs(true));
        try (SeekableByteChannel out = files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING))) {
            out.write(ByteBuffer.wrap("hello world".getBytes(StandardCharsets.UTF_8)));
            out.position(6);
            out.write(ByteBuffer.wrap("WORLD".getBytes(StandardCharsets.UTF_8)));
            assertEquals(11, out.size());
            out.truncate(5);
            assertEquals(5, out.position());
        }
        try (SeekableByteChannel out = files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.APPEND))) {
            out.write(ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8)));
        }
        assertArrayEquals("hello!".getBytes(StandardCharsets.UTF_8), file.toByteArray());
        assertThrows(FileAlreadyExistsException.class, () -> files.open("/job/a.txt", "a.txt",
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)));
        byte[] big = new byte[200_000]; // more than one request's block
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (SeekableByteChannel out = files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))) {
            out.write(ByteBuffer.wrap(big));
        }
        try (SeekableByteChannel in = files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.READ))) {
            ByteBuffer back = ByteBuffer.allocate(big.length + 1);
            while (in.read(back) > 0) {
                // until the end
            }
            assertEquals(big.length, back.position());
            assertArrayEquals(big, java.util.Arrays.copyOf(back.array(), big.length));
        }

        List<SeekableByteChannel> held = new ArrayList<>();
        for (int i = 0; i < FsDirectoryFiles.MAX_OPEN; i++) {
            held.add(files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.READ)));
        }
        FileSystemException full = assertThrows(FileSystemException.class,
                () -> files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.READ)));
        assertTrue(full.getMessage().contains("Too many open files"), full.getMessage());
        held.removeFirst().close();
        files.open("/job/a.txt", "a.txt", Set.of(StandardOpenOption.READ)).close(); // the slot came back
        for (SeekableByteChannel channel : held) {
            channel.close();
        }
        assertEquals(0, client.blockCount(), "every file's block freed at its close");
    }

    @Test
    void aHostGrantDeeperThanTheFileSystemsDirectoryIsSeenAtItsOwnPath() throws Exception {
        java.nio.file.Path host = java.nio.file.Files.createTempDirectory("fsfiles");
        java.nio.file.Files.writeString(host.resolve("h.txt"), "host");
        try (GrantedDirectories granted = GrantedDirectories.open(List.of(new DirectoryGrant(host, "/job/host", false)))) {
            SipFiles files = new MountedFiles(granted, granted.mountPaths(), fs(true));
            assertEquals("/job/host", files.workingDirectory(), "a host grant given is the working directory");
            try (SeekableByteChannel in = files.open("/job/host/h.txt", "h.txt", Set.of(StandardOpenOption.READ))) {
                assertEquals("host", read(in));
            }
            assertTrue(files.attributes("/job/sub", "/job/sub").isDirectory());
            assertFalse(files.writable("/job/host/h.txt"));
            assertTrue(files.writable("/job/a.txt"));
            assertThrows(IllegalArgumentException.class, () -> new MountedFiles(granted, List.of("/job"), fs(true)),
                    "two grants at one path");
        } finally {
            java.nio.file.Files.delete(host.resolve("h.txt"));
            java.nio.file.Files.delete(host);
        }
    }
}
