package singj.apps.fs;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.ChannelClosedException;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.Owned;
import singj.abi.Sip;
import singj.fs.DirEntry;
import singj.fs.DiskException;
import singj.fs.FileSystem;
import singj.fs.FileSystem.Node;
import singj.fs.FsException;
import singj.fs.Inode;
import singj.fs.Paths;
import singj.fs.Quota;
import singj.fs.Superblock;

/**
 * One connection to {@value Directory#ROOT} and every endpoint opened through it, each served by a
 * thread of its own, which ends when the client closes the endpoint or ends. What they use is
 * charged to the client SIP that opened the connection ({@link Clients.Client}): its quota and its
 * count of open endpoints are shared by all its connections.
 */
final class Session {
    /** The largest read or write one request moves. */
    static final int MAX_TRANSFER = 1 << 20;

    private final FileSystem fs;
    private final Clients.Client client;
    private final Quota quota;
    /** Endpoints served by the whole file system, each a thread: bounded below the SIP's thread quota. */
    private final AtomicInteger served;

    Session(FileSystem fs, Clients.Client client, AtomicInteger served) {
        this.fs = fs;
        this.client = client;
        this.quota = client.quota;
        this.served = served;
    }

    /**
     * Serves a directory endpoint; a {@code readOnly} one ({@link Directory.OpenReadOnly}) answers
     * {@value Directory#READ_ONLY} to every request that would change something, and what is opened
     * through it is read-only too.
     */
    void serveDirectory(Node dir, Endpoint<Directory> client, boolean readOnly) {
        try {
            while (true) {
                Message request = client.receive();
                if (readOnly && changes(request)) {
                    client.send(new Directory.Failed(Directory.READ_ONLY, "this directory endpoint is read-only: "
                            + "no " + request.getClass().getSimpleName() + " through it"));
                    continue;
                }
                switch (request) {
                    case Directory.OpenFile(String path, boolean create, boolean truncate) ->
                            client.send(openFile(dir, path, create, truncate, readOnly));
                    case Directory.OpenDirectory(String path, boolean create) ->
                            client.send(openDirectory(dir, path, create, readOnly));
                    case Directory.OpenReadOnly(String path) -> client.send(openDirectory(dir, path, false, true));
                    case Directory.List(String path) -> list(dir, path, client);
                    case Directory.Stat(String path) -> client.send(stat(dir, path));
                    case Directory.CreateDirectory(String path) -> client.send(done(() -> create(dir, path, Inode.Kind.DIRECTORY)));
                    case Directory.Rename(String from, String to) -> client.send(done(() -> rename(dir, from, to)));
                    case Directory.Delete(String path) -> client.send(done(() -> delete(dir, path)));
                    case Directory.Sync() -> client.send(done(fs::sync));
                    case Directory.Statfs() -> client.send(statfs());
                    default -> throw new IllegalStateException("not a directory request: " + request);
                }
            }
        } catch (ChannelClosedException gone) {
            // the client closed it or ended: its thread ends
        } finally {
            client.close(); // the client's close leaves this end with the SIP, one of its channel ends
            release();
        }
    }

    /** Whether a directory request would change the file system: what a read-only endpoint refuses. */
    private static boolean changes(Message request) {
        return switch (request) {
            case Directory.OpenFile(var _, boolean create, boolean truncate) -> create || truncate;
            case Directory.OpenDirectory(var _, boolean create) -> create;
            case Directory.CreateDirectory _, Directory.Rename _, Directory.Delete _ -> true;
            default -> false;
        };
    }

    /**
     * Gives back one endpoint's place. When it was the client's last (a SIP that ends closes all
     * of its), what it wrote and did not sync is committed: a program that writes, does not sync,
     * and exits finds its files after a clean shutdown, without a commit at every close.
     */
    private void release() {
        served.decrementAndGet();
        if (client.open.decrementAndGet() == 0 && fs.pendingBlocks() > 0) {
            attempt(fs::sync);
        }
    }

    private interface Action {
        void run();
    }

    private Message done(Action action) {
        String[] failure = attempt(action);
        return failure == null ? new Directory.Done() : new Directory.Failed(failure[0], failure[1]);
    }

    /** Runs the action; null if it succeeded, else the error name and the reason. */
    private String[] attempt(Action action) {
        try {
            action.run();
            return null;
        } catch (FsException e) {
            if (e.error().equals(Directory.CLOSED)) {
                FileServer.diskGone(e.getMessage());
            }
            return new String[] {e.error(), e.getMessage()};
        } catch (DiskException e) {
            if (e.closed()) {
                FileServer.diskGone(e.getMessage());
            }
            return new String[] {Directory.IO_ERROR, e.getMessage()};
        }
    }

    private Node parent(Node dir, List<String> names) {
        return fs.walk(dir, names.subList(0, names.size() - 1));
    }

    private static String last(List<String> names) {
        if (names.isEmpty()) {
            throw new FsException(Directory.BAD_PATH, "an empty path names the directory itself");
        }
        return names.getLast();
    }

    private Node create(Node dir, String path, Inode.Kind kind) {
        List<String> names = Paths.split(path);
        return fs.create(parent(dir, names), last(names), kind, quota);
    }

    private void rename(Node dir, String from, String to) {
        List<String> a = Paths.split(from);
        List<String> b = Paths.split(to);
        fs.rename(parent(dir, a), last(a), parent(dir, b), last(b), quota);
    }

    private void delete(Node dir, String path) {
        List<String> names = Paths.split(path);
        fs.delete(parent(dir, names), last(names), quota);
    }

    /** The node at {@code path}, made (as {@code kind}) if missing and {@code create}. */
    private Node find(Node dir, String path, boolean create, Inode.Kind kind) {
        List<String> names = Paths.split(path);
        if (names.isEmpty()) {
            return fs.walk(dir, names);
        }
        Node parent = parent(dir, names);
        try {
            return fs.lookup(parent, last(names));
        } catch (FsException e) {
            if (!create || !e.error().equals(Directory.NOT_FOUND)) {
                throw e;
            }
            return fs.create(parent, last(names), kind, quota);
        }
    }

    /** Counts one more endpoint for this client and for the file system; why not, if either is at its bound. */
    String reserveOpen() {
        if (client.open.incrementAndGet() > Clients.MAX_OPEN) {
            client.open.decrementAndGet();
            return client.who + " holds " + Clients.MAX_OPEN + " files, directories and connections open already; "
                    + "close some first";
        }
        if (served.incrementAndGet() > FileServer.MAX_SERVED) {
            served.decrementAndGet();
            client.open.decrementAndGet();
            return "the file system serves " + FileServer.MAX_SERVED + " open files and directories already";
        }
        return null;
    }

    private Message openFile(Node dir, String path, boolean create, boolean truncate, boolean readOnly) {
        Node[] node = new Node[1];
        String[] failure = attempt(() -> {
            node[0] = find(dir, path, create, Inode.Kind.FILE);
            if (fs.stat(node[0]).kind() != Inode.Kind.FILE) {
                throw new FsException(Directory.IS_A_DIRECTORY, "'" + path + "' is a directory");
            }
            if (truncate) {
                fs.truncate(node[0], 0, quota);
            }
        });
        if (failure != null) {
            return new Directory.Failed(failure[0], failure[1]);
        }
        String full = reserveOpen();
        if (full != null) {
            return new Directory.Failed(Directory.TOO_MANY_OPEN, full);
        }
        Channel<FileHandle> channel = Sip.newChannel(FileHandle.class);
        Owned<Endpoint<FileHandle>> server = new Owned<>(channel.server());
        Node file = node[0];
        new Thread(() -> serveFile(file, server.take(), readOnly), "file").start();
        return new Directory.OpenedFile(channel.client());
    }

    private Message openDirectory(Node dir, String path, boolean create, boolean readOnly) {
        Node[] node = new Node[1];
        String[] failure = attempt(() -> {
            node[0] = find(dir, path, create, Inode.Kind.DIRECTORY);
            if (fs.stat(node[0]).kind() != Inode.Kind.DIRECTORY) {
                throw new FsException(Directory.NOT_A_DIRECTORY, "'" + path + "' is a file");
            }
        });
        if (failure != null) {
            return new Directory.Failed(failure[0], failure[1]);
        }
        String full = reserveOpen();
        if (full != null) {
            return new Directory.Failed(Directory.TOO_MANY_OPEN, full);
        }
        Channel<Directory> channel = Sip.newChannel(Directory.class);
        Owned<Endpoint<Directory>> server = new Owned<>(channel.server());
        Node opened = node[0];
        new Thread(() -> serveDirectory(opened, server.take(), readOnly), "directory").start();
        return new Directory.OpenedDirectory(channel.client());
    }

    private Message stat(Node dir, String path) {
        Inode[] found = new Inode[1];
        Node[] node = new Node[1];
        String[] failure = attempt(() -> {
            node[0] = find(dir, path, false, null);
            found[0] = fs.stat(node[0]);
        });
        if (failure != null) {
            return new Directory.Failed(failure[0], failure[1]);
        }
        return new Directory.Status(found[0].kind() == Inode.Kind.DIRECTORY, found[0].size(), found[0].links(),
                node[0].inode());
    }

    /** The whole file system's size and free space, and what this client uses of its quota. */
    private Message statfs() {
        long[] free = new long[2];
        String[] failure = attempt(() -> {
            free[0] = fs.freeBlocks();
            free[1] = fs.freeInodes();
        });
        if (failure != null) {
            return new Directory.Failed(failure[0], failure[1]);
        }
        long[] used = fs.quotaUse(quota);
        return new Directory.FsStatus(Superblock.BLOCK_SIZE, fs.dataBlocks(), free[0], fs.inodes(), free[1],
                quota.maxBytes(), used[0], quota.maxFiles(), used[1]);
    }

    private void list(Node dir, String path, Endpoint<Directory> client) {
        @SuppressWarnings("unchecked")
        List<DirEntry>[] entries = new List[1];
        Node[] node = new Node[1];
        String[] failure = attempt(() -> {
            node[0] = find(dir, path, false, null);
            entries[0] = fs.list(node[0]);
        });
        if (failure != null) {
            client.send(new Directory.Failed(failure[0], failure[1]));
            return;
        }
        for (DirEntry e : entries[0]) {
            Inode[] in = new Inode[1];
            if (attempt(() -> in[0] = fs.stat(fs.lookup(node[0], e.name()))) != null) {
                continue; // deleted meanwhile
            }
            client.send(new Directory.Entry(e.name(), in[0].kind() == Inode.Kind.DIRECTORY, in[0].size()));
            if (!(client.receive() instanceof Directory.More)) {
                throw new IllegalStateException("the contract allows only More after an Entry");
            }
        }
        client.send(new Directory.End());
    }

    // ---- files ----------------------------------------------------------------------------------

    /** Serves a file endpoint; a {@code readOnly} one answers {@value Directory#READ_ONLY} to writes and truncates. */
    private void serveFile(Node file, Endpoint<FileHandle> client, boolean readOnly) {
        long position = 0;
        // a read's block waits here while the file system copies its cached blocks straight into it
        Owned<Block> target = new Owned<>();
        FileSystem.Sink intoTarget = (source, from, at, count) -> {
            Block block = target.take();
            block.copyFrom(source, from, at, count);
            target.put(block);
        };
        try {
            while (true) {
                Message request = client.receive();
                if (readOnly && (request instanceof FileHandle.Write || request instanceof FileHandle.Truncate)) {
                    Block back = request instanceof FileHandle.Write(int length, Block from) ? from : null;
                    client.send(new FileHandle.Failed(Directory.READ_ONLY, "this file was opened through a read-only "
                            + "directory endpoint: no " + request.getClass().getSimpleName(), back));
                    continue;
                }
                switch (request) {
                    case FileHandle.Read(int length, Block into) -> {
                        int n = Math.min(Math.max(length, 0), MAX_TRANSFER);
                        long size = into == null ? 0 : into.size();
                        if (into == null || size < n) {
                            client.send(new FileHandle.Failed(Directory.BAD_REQUEST, "read of " + length
                                    + " bytes into a block of " + size + " bytes", into));
                            continue;
                        }
                        int[] got = new int[1];
                        long at = position;
                        target.put(into);
                        String[] failure = attempt(() -> got[0] = fs.read(file, at, n, intoTarget));
                        Block back = target.take();
                        if (failure != null) {
                            client.send(new FileHandle.Failed(failure[0], failure[1], back));
                            continue;
                        }
                        position += got[0];
                        client.send(new FileHandle.Data(back, got[0]));
                    }
                    case FileHandle.Write(int length, Block from) -> {
                        long size = from == null ? 0 : from.size();
                        if (from == null || length < 0 || length > size || length > MAX_TRANSFER) {
                            client.send(new FileHandle.Failed(Directory.BAD_REQUEST, "write of " + length
                                    + " bytes from a block of " + size + " bytes (at most " + MAX_TRANSFER + " a request)", from));
                            continue;
                        }
                        byte[] bytes = new byte[length];
                        from.copyTo(0, bytes, 0, length);
                        long at = position;
                        String[] failure = attempt(() -> fs.write(file, at, bytes, 0, length, quota));
                        if (failure != null) {
                            client.send(new FileHandle.Failed(failure[0], failure[1], from));
                            continue;
                        }
                        position += length;
                        client.send(new FileHandle.Written(from, length));
                    }
                    case FileHandle.Seek(long to) -> {
                        if (to < 0) {
                            client.send(new FileHandle.Failed(Directory.BAD_REQUEST, "seek to " + to, null));
                        } else {
                            position = to;
                            client.send(new FileHandle.Position(position));
                        }
                    }
                    case FileHandle.Truncate(long size) -> {
                        String[] failure = attempt(() -> fs.truncate(file, size, quota));
                        client.send(failure == null ? new FileHandle.Truncated(size)
                                : new FileHandle.Failed(failure[0], failure[1], null));
                    }
                    case FileHandle.Fsync() -> {
                        String[] failure = attempt(fs::sync);
                        client.send(failure == null ? new FileHandle.Synced() : new FileHandle.Failed(failure[0], failure[1], null));
                    }
                    case FileHandle.Stat() -> {
                        Inode[] in = new Inode[1];
                        String[] failure = attempt(() -> in[0] = fs.stat(file));
                        client.send(failure == null ? new FileHandle.Status(in[0].size(), position, file.inode())
                                : new FileHandle.Failed(failure[0], failure[1], null));
                    }
                    default -> throw new IllegalStateException("not a file request: " + request);
                }
            }
        } catch (ChannelClosedException gone) {
            // closed by the client, or the client ended: the file stays as its last write left it
        } finally {
            client.close(); // as for a directory: else every open would keep one of the SIP's channel ends for good
            release();
        }
    }
}
