package singj.abi.runtime.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;

/**
 * The file namespace's second backend (the first is the kernel's host-directory grants): one
 * directory of the file system SIP, held as a {@link Directory} endpoint and seen at a mount path
 * (the shell's current directory, which {@code run} hands the program). Every request is a message
 * on that endpoint, sent and answered on the calling thread of the SIP; an open file is a
 * {@link FileHandle} endpoint of its own. The endpoint is the capability: paths reach the file
 * system relative to it, normalized first ({@link FileCalls#absolute}), so nothing above the
 * directory is named, and the file system refuses {@code ..} and absolute paths again.
 *
 * <p>What the file system charges (its quota, its count of open endpoints) goes to the SIP that
 * opened the directory (the shell): so a SIP holds at most {@value #MAX_OPEN} files open here,
 * and the shell keeps room for its own commands. A read-only grant refuses every change here,
 * before a message is sent.
 */
public final class FsDirectoryFiles implements SipFiles {
    /** Files a SIP holds open at once through this directory: the file system counts them against the starter. */
    public static final int MAX_OPEN = 32;
    /** Bytes per read or write request: one exchange-heap block of this size per open file. */
    static final int CHUNK = 64 << 10;

    private final Endpoint<Directory> directory;
    private final String mount;
    private final boolean writable;
    private final LongFunction<Block> allocate;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param directory the client end of a channel to the directory, held by this SIP
     * @param mount where the SIP sees it: absolute, normalized
     * @param allocate the SIP's own exchange-heap allocation (its quota)
     */
    public FsDirectoryFiles(Endpoint<Directory> directory, String mount, boolean writable, LongFunction<Block> allocate) {
        this.directory = directory;
        this.mount = mount;
        this.writable = writable;
        this.allocate = allocate;
    }

    public String mount() {
        return mount;
    }

    /** Whether {@code path} (absolute, normalized) lies in this directory's subtree. */
    public boolean covers(String path) {
        return mount.equals("/") || path.equals(mount) || path.startsWith(mount + "/");
    }

    /** {@code path} relative to the directory: "" for the directory itself. */
    private String relative(String path) {
        if (!covers(path)) {
            throw new IllegalArgumentException(path + " is not below " + mount);
        }
        return mount.equals("/") ? path.substring(1) : path.substring(Math.min(path.length(), mount.length() + 1));
    }

    @Override
    public String workingDirectory() {
        return mount;
    }

    @Override
    public boolean writable(String path) {
        return writable;
    }

    /** How many files the SIP holds open here now. */
    public int openFiles() {
        return open.get();
    }

    // ---- the requests -------------------------------------------------------------------------

    @Override
    public SeekableByteChannel open(String path, String shown, Set<? extends OpenOption> options) throws IOException {
        String relative = relative(path);
        boolean append = options.contains(StandardOpenOption.APPEND);
        boolean writes = options.contains(StandardOpenOption.WRITE) || append;
        boolean reads = options.contains(StandardOpenOption.READ) || !writes;
        if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
            throw new AccessDeniedException(shown, null, "DELETE_ON_CLOSE is not supported on the file system");
        }
        if (writes) {
            requireWritable(shown);
        }
        if (relative.isEmpty()) {
            throw new FileSystemException(shown, null, "Is a directory");
        }
        // as the JDK: CREATE and CREATE_NEW count only for a writer, TRUNCATE_EXISTING too
        boolean createNew = writes && options.contains(StandardOpenOption.CREATE_NEW);
        boolean create = writes && (createNew || options.contains(StandardOpenOption.CREATE));
        boolean truncate = writes && options.contains(StandardOpenOption.TRUNCATE_EXISTING);
        if (createNew && statOrNull(relative, shown) != null) {
            throw new FileAlreadyExistsException(shown);
        }
        if (open.incrementAndGet() > MAX_OPEN) {
            open.decrementAndGet();
            throw new FileSystemException(shown, null, "Too many open files (a SIP may hold " + MAX_OPEN
                    + " on the file system)");
        }
        try {
            Message answer = ask(new Directory.OpenFile(relative, create, truncate), shown);
            if (!(answer instanceof Directory.OpenedFile(Endpoint<FileHandle> file))) {
                throw unexpected(answer, shown);
            }
            return new FsFile(file, shown, reads, writes, append);
        } catch (IOException | RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
    }

    @Override
    public BasicFileAttributes attributes(String path, String shown) throws IOException {
        Directory.Status status = statOrNull(relative(path), shown);
        if (status == null) {
            throw new NoSuchFileException(shown);
        }
        return new TimelessAttributes(status.directory(), status.size(), status.inode()); // the file system keeps no times
    }

    private Directory.Status statOrNull(String relative, String shown) throws IOException {
        try {
            Message answer = ask(new Directory.Stat(relative), shown);
            if (answer instanceof Directory.Status status) {
                return status;
            }
            throw unexpected(answer, shown);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    @Override
    public List<String> list(String path, String shown) throws IOException {
        String relative = relative(path);
        List<String> names = new ArrayList<>();
        synchronized (directory) { // one request in flight on the endpoint: the whole listing is one
            try {
                directory.send(new Directory.List(relative));
                while (true) {
                    switch (directory.receive()) {
                        case Directory.Entry entry -> {
                            names.add(entry.name());
                            directory.send(new Directory.More());
                        }
                        case Directory.End() -> {
                            return names;
                        }
                        case Directory.Failed(String error, String reason) -> throw failure(error, reason, shown);
                        case Message other -> throw unexpected(other, shown);
                    }
                }
            } catch (ChannelClosedException e) {
                throw stopped(e, shown);
            }
        }
    }

    @Override
    public void createDirectory(String path, String shown) throws IOException {
        String relative = relative(path);
        if (relative.isEmpty()) {
            throw new FileAlreadyExistsException(shown);
        }
        requireWritable(shown);
        ask(new Directory.CreateDirectory(relative), shown);
    }

    @Override
    public void delete(String path, String shown) throws IOException {
        String relative = relative(path);
        if (relative.isEmpty()) {
            throw new AccessDeniedException(shown, null, "the directory granted to this SIP is not deleted");
        }
        requireWritable(shown);
        ask(new Directory.Delete(relative), shown);
    }

    private void requireWritable(String shown) throws AccessDeniedException {
        if (!writable) {
            throw new AccessDeniedException(shown, null, mount + " is granted read-only (run --cwd=rw grants writing)");
        }
    }

    /** One request on the directory's endpoint and its answer; a {@link Directory.Failed} is thrown as Java's exception. */
    private Message ask(Message request, String shown) throws IOException {
        Message answer;
        synchronized (directory) {
            try {
                directory.send(request);
                answer = directory.receive();
            } catch (ChannelClosedException e) {
                throw stopped(e, shown);
            }
        }
        if (answer instanceof Directory.Failed(String error, String reason)) {
            throw failure(error, reason, shown);
        }
        return answer;
    }

    // ---- errors -----------------------------------------------------------------------------

    /**
     * The file system's error as the exception the JDK throws for it on a host file system (the
     * host's words, so that a program's messages read as under {@code java}); the file system's
     * reason is kept where the JDK gives one.
     */
    static IOException failure(String error, String reason, String shown) {
        return switch (error) {
            case Directory.NOT_FOUND -> new NoSuchFileException(shown);
            case Directory.EXISTS -> new FileAlreadyExistsException(shown);
            case Directory.NOT_EMPTY -> new DirectoryNotEmptyException(shown);
            case Directory.NOT_A_DIRECTORY -> new FileSystemException(shown, null, "Not a directory");
            case Directory.IS_A_DIRECTORY -> new FileSystemException(shown, null, "Is a directory");
            case Directory.BAD_PATH -> new FileSystemException(shown, null, "Invalid file name (" + reason + ")");
            case Directory.NO_SPACE -> new FileSystemException(shown, null, "No space left on device (" + reason + ")");
            case Directory.QUOTA -> new FileSystemException(shown, null, "Disk quota exceeded (" + reason + ")");
            case Directory.READ_ONLY -> new FileSystemException(shown, null, "Read-only file system (" + reason + ")");
            case Directory.STALE -> new FileSystemException(shown, null, "Stale file handle (" + reason + ")");
            case Directory.TOO_MANY_OPEN -> new FileSystemException(shown, null, "Too many open files (" + reason + ")");
            default -> new FileSystemException(shown, null, error + " (" + reason + ")");
        };
    }

    private static FileSystemException stopped(ChannelClosedException e, String shown) {
        return new FileSystemException(shown, null, "the file system stopped (" + e.getMessage() + ")");
    }

    private static IOException unexpected(Message answer, String shown) {
        return new FileSystemException(shown, null, "the file system answered " + answer.getClass().getSimpleName());
    }

    // ---- open files ---------------------------------------------------------------------------

    /**
     * A file open on the file system: its {@link FileHandle} endpoint, and one exchange-heap block
     * of the SIP's that goes with each request and comes back with the answer. The position is
     * kept here and sent ({@link FileHandle.Seek}) only when it differs from the file system's.
     */
    private final class FsFile implements SeekableByteChannel {
        private final Endpoint<FileHandle> file;
        private final String shown;
        private final boolean reads;
        private final boolean writes;
        private final boolean append;
        /** Null until the first read or write, and while it travels with a request. */
        private Block block;
        private long position;
        /** The position the file system keeps for this endpoint. */
        private long served;
        private boolean closed;

        FsFile(Endpoint<FileHandle> file, String shown, boolean reads, boolean writes, boolean append) {
            this.file = file;
            this.shown = shown;
            this.reads = reads;
            this.writes = writes;
            this.append = append;
        }

        @Override
        public synchronized int read(ByteBuffer target) throws IOException {
            ensureOpen();
            if (!reads) {
                throw new NonReadableChannelException();
            }
            int wanted = Math.min(target.remaining(), CHUNK);
            if (wanted == 0) {
                return 0;
            }
            seekIfMoved();
            Message answer = request(new FileHandle.Read(wanted, takeBlock()));
            if (!(answer instanceof FileHandle.Data(Block back, int length))) {
                throw unexpected(answer, shown);
            }
            block = back;
            if (length == 0) {
                return -1;
            }
            if (target.hasArray()) {
                back.copyTo(0, target.array(), target.arrayOffset() + target.position(), length);
                target.position(target.position() + length);
            } else {
                byte[] bytes = new byte[length];
                back.copyTo(0, bytes, 0, length);
                target.put(bytes);
            }
            position += length;
            served = position;
            return length;
        }

        @Override
        public synchronized int write(ByteBuffer source) throws IOException {
            ensureOpen();
            if (!writes) {
                throw new NonWritableChannelException();
            }
            if (append) {
                position = status().size();
            }
            int total = 0;
            while (source.hasRemaining()) {
                seekIfMoved();
                int length = Math.min(source.remaining(), CHUNK);
                Block sent = takeBlock();
                if (source.hasArray()) {
                    sent.copyFrom(source.array(), source.arrayOffset() + source.position(), 0, length);
                } else {
                    byte[] bytes = new byte[length];
                    source.duplicate().get(bytes);
                    sent.copyFrom(bytes, 0, 0, length);
                }
                Message answer = request(new FileHandle.Write(length, sent));
                if (!(answer instanceof FileHandle.Written(Block back, int written))) {
                    throw unexpected(answer, shown);
                }
                block = back;
                source.position(source.position() + written);
                position += written;
                served = position;
                total += written;
            }
            return total;
        }

        @Override
        public synchronized long position() throws IOException {
            ensureOpen();
            return position;
        }

        @Override
        public synchronized SeekableByteChannel position(long newPosition) throws IOException {
            ensureOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position " + newPosition);
            }
            position = newPosition;
            return this;
        }

        @Override
        public synchronized long size() throws IOException {
            ensureOpen();
            return status().size();
        }

        @Override
        public synchronized SeekableByteChannel truncate(long size) throws IOException {
            ensureOpen();
            if (size < 0) {
                throw new IllegalArgumentException("negative size " + size);
            }
            if (!writes) {
                throw new NonWritableChannelException();
            }
            if (size < status().size()) { // as FileChannel.truncate: never grows the file
                if (!(request(new FileHandle.Truncate(size)) instanceof FileHandle.Truncated)) {
                    throw new FileSystemException(shown, null, "the file system did not truncate");
                }
            }
            position = Math.min(position, size);
            return this;
        }

        @Override
        public synchronized boolean isOpen() {
            return !closed;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            open.decrementAndGet();
            if (block != null && block.isLive()) {
                block.free();
            }
            block = null;
            if (file.isOpen()) {
                file.close(); // the file system's thread for this file ends, and its count of open files drops
            }
        }

        private FileHandle.Status status() throws IOException {
            Message answer = request(new FileHandle.Stat());
            if (answer instanceof FileHandle.Status status) {
                return status;
            }
            throw unexpected(answer, shown);
        }

        private void seekIfMoved() throws IOException {
            if (position != served) {
                request(new FileHandle.Seek(position));
                served = position;
            }
        }

        private Block takeBlock() {
            Block taken = block == null ? allocate.apply(CHUNK) : block;
            block = null;
            return taken;
        }

        /** One request on the file's endpoint; a failure gives the block back and is thrown as Java's exception. */
        private Message request(Message message) throws IOException {
            Message answer;
            try {
                file.send(message);
                answer = file.receive();
            } catch (ChannelClosedException e) {
                throw stopped(e, shown); // a block sent with the request went with the channel
            }
            if (answer instanceof FileHandle.Failed(String error, String reason, Block back)) {
                if (back != null) {
                    block = back;
                }
                throw failure(error, reason, shown);
            }
            return answer;
        }

        private void ensureOpen() throws ClosedChannelException {
            if (closed) {
                throw new ClosedChannelException();
            }
        }
    }
}
