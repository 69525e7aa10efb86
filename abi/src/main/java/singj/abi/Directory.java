package singj.abi;

/**
 * The contract of a directory of the file system, served by the file system SIP: the root at
 * {@value #ROOT}, and every directory a client opens through {@link OpenDirectory}, whose reply
 * carries a new endpoint to it. The endpoint is the capability: a client that holds a directory's
 * endpoint reaches that directory and what lies below it, and nothing else. Paths are relative to
 * the directory, components separated by {@code /}; an absolute path, an empty component,
 * {@code .} and {@code ..} are refused ({@link #BAD_PATH}), so no path leaves the subtree.
 *
 * <p>Writes are durable once a {@link Sync} (or a file's {@link FileHandle.Fsync}) is answered:
 * the file system commits them through its journal, and a crash at any moment after leaves every
 * synced byte on the disk. Until then a crash may lose them, never half of an operation: each
 * create, rename, delete and each write request is atomic.
 *
 * <p>A failed request answers {@link Failed} with one of the error names below and a sentence
 * for a person; the channel serves on. If the file system SIP ends, the channel closes
 * ({@code ChannelClosedException}), as do the endpoints it handed out.
 */
@Contract({
    "READY    client: OpenFile -> OPENING, OpenDirectory -> OPENING, OpenReadOnly -> OPENING, List -> LISTING, "
            + "Stat -> STATING, "
            + "CreateDirectory -> DOING, Rename -> DOING, Delete -> DOING, Sync -> DOING, Statfs -> STATFS",
    "OPENING  server: OpenedFile -> READY, OpenedDirectory -> READY, Failed -> READY",
    "LISTING  server: Entry -> ENTRY, End -> READY, Failed -> READY",
    "ENTRY    client: More -> LISTING",
    "STATING  server: Status -> READY, Failed -> READY",
    "DOING    server: Done -> READY, Failed -> READY",
    "STATFS   server: FsStatus -> READY, Failed -> READY"
})
public interface Directory {
    /** Where the file system SIP serves the root directory. */
    String ROOT = "/fs";

    /** {@link Failed#error()}: nothing by that name. */
    String NOT_FOUND = "not-found";
    /** Something by that name exists already. */
    String EXISTS = "exists";
    /** A component of the path, or the target, is a file where a directory is needed. */
    String NOT_A_DIRECTORY = "not-a-directory";
    /** The target is a directory where a file is needed. */
    String IS_A_DIRECTORY = "is-a-directory";
    /** A directory to delete or to replace is not empty. */
    String NOT_EMPTY = "not-empty";
    /** An absolute path, an empty component, {@code .}, {@code ..}, a name too long or with a control character. */
    String BAD_PATH = "bad-path";
    /** A request whose values cannot be served: a block missing or too small, a negative position, too many bytes at once. */
    String BAD_REQUEST = "bad-request";
    /** The disk has no free block or inode left; nothing already written is lost. */
    String NO_SPACE = "no-space";
    /** This client's quota of bytes or files is used up. */
    String QUOTA = "quota";
    /**
     * The file system is mounted read-only (damage found at mount: the reason says what), or the
     * endpoint is a read-only one ({@link OpenReadOnly}).
     */
    String READ_ONLY = "read-only";
    /** The disk failed (the driver's error, named in the reason). */
    String IO_ERROR = "io-error";
    /** The file or directory was deleted while this endpoint was open. */
    String STALE = "stale";
    /** Too many files or directories open by this client (or by all clients: the file system serves a bounded number). */
    String TOO_MANY_OPEN = "too-many-open";
    /** The file system lost its disk (the driver ended): no later request can succeed. */
    String CLOSED = "closed";

    /** The longest name of a file or directory, in bytes of UTF-8. */
    int MAX_NAME = 59;

    /**
     * Opens a file; with {@code create} it is made if missing (an empty file), and with
     * {@code truncate} cut to length 0. Answers {@link OpenedFile}.
     */
    record OpenFile(String path, boolean create, boolean truncate) implements Message {}

    /** Opens a directory below this one ({@code create}: made if missing). Answers {@link OpenedDirectory}. */
    record OpenDirectory(String path, boolean create) implements Message {}

    /**
     * Opens a directory below this one ("" for this one) read-only: the new endpoint, and every
     * endpoint opened through it, answers {@link #READ_ONLY} to every write, create, delete, rename
     * and truncate; the file system enforces it, whatever the holder's code. Answers
     * {@link OpenedDirectory}.
     */
    record OpenReadOnly(String path) implements Message {}

    /** @param file the client end of a new {@link FileHandle} channel to the file */
    record OpenedFile(Endpoint<FileHandle> file) implements Message {}

    /** @param directory the client end of a new {@code Directory} channel to the directory */
    record OpenedDirectory(Endpoint<Directory> directory) implements Message {}

    /** Lists the directory at {@code path} ("" for this one): an {@link Entry} per name, then {@link End}. */
    record List(String path) implements Message {}

    /** One name in the directory; the client answers {@link More} for the next. */
    record Entry(String name, boolean directory, long size) implements Message {}

    record More() implements Message {}

    record End() implements Message {}

    /** Asks what is at {@code path} ("" for this directory). */
    record Stat(String path) implements Message {}

    /**
     * @param inode the file's number in this file system (stable while it exists)
     * @param links how many directory entries name it
     */
    record Status(boolean directory, long size, int links, long inode) implements Message {}

    record CreateDirectory(String path) implements Message {}

    /**
     * Moves {@code from} to {@code to}, both below this directory, atomically: a file already at
     * {@code to} is replaced (an empty directory too); a directory cannot move below itself.
     */
    record Rename(String from, String to) implements Message {}

    /** Deletes a file, or an empty directory. Endpoints open on it answer {@link #STALE} from then on. */
    record Delete(String path) implements Message {}

    /** Makes every write so far durable (the whole file system's, as a journal commit does). */
    record Sync() implements Message {}

    record Done() implements Message {}

    /** Asks how big the file system is, how much of it is free, and what the asking client uses of its quota. */
    record Statfs() implements Message {}

    /**
     * The answer to {@link Statfs}: the whole file system's blocks and files, and the caller's quota.
     *
     * @param blockSize bytes per block
     * @param blocks blocks that can hold data (directories, file contents, index blocks)
     * @param freeBlocks of those, how many are free
     * @param files files and directories the file system can hold, the root included
     * @param freeFiles of those, how many are free
     * @param quotaBytes the bytes of blocks the asking client may use ({@code Long.MAX_VALUE}: no quota)
     * @param usedBytes what it uses of them
     * @param quotaFiles the files and directories it may create ({@code Long.MAX_VALUE}: no quota)
     * @param usedFiles what it uses of them
     */
    record FsStatus(int blockSize, long blocks, long freeBlocks, long files, long freeFiles, long quotaBytes,
                    long usedBytes, long quotaFiles, long usedFiles) implements Message {}

    /** @param error one of the error names of {@link Directory} */
    record Failed(String error, String reason) implements Message {}
}
