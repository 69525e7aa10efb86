package singj.apps.shell;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.Owned;
import singj.abi.Sip;

/**
 * The shell's side of the file system SIP: {@code ls}, {@code cat}, {@code write}, {@code mkdir},
 * {@code rm}, {@code mv} and {@code df} are messages of {@link Directory} and {@link FileHandle} on a channel to
 * {@value Directory#ROOT} that the shell SIP opens at the first of them, never calls into the file
 * system's library. If the file system ends, that channel closes: the command in flight says so, and
 * the next one opens {@value Directory#ROOT} again, so a restarted file system is reached without
 * restarting the shell. Every failure is a {@link CommandException} naming the command and the path.
 *
 * <p>Each change is synced before the command returns: the file system commits on its own only
 * every few seconds, and a person who saw a prompt after {@code mkdir} expects the directory to be
 * there after a crash, not only after a clean shutdown.
 */
public final class FileClient {
    /** Bytes per read or write request: well under the file system's 1 MiB, so the shell's block stays small. */
    static final int CHUNK = 64 << 10;

    private final Owned<Endpoint<Directory>> root = new Owned<>();
    /** The current directory ({@code cd}), below the root: "" for the root itself. */
    private String current = "";

    /**
     * The path below the root that the shell means by {@code typed}: the shell's {@code /} is the
     * root, so one leading {@code /} is dropped, as are trailing ones ({@code docs/} is
     * {@code docs}). Everything else, {@code ..} included, goes to the file system as typed, which
     * judges it.
     */
    static String path(String typed) {
        String path = typed.startsWith("/") ? typed.substring(1) : typed;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    /**
     * The path below the root that {@code typed} names from the directory {@code current}: from the
     * root if it begins with {@code /}, else below {@code current}; otherwise as {@link #path}.
     */
    static String path(String current, String typed) {
        String below = path(typed);
        if (typed.startsWith("/") || current.isEmpty()) {
            return below;
        }
        return below.isEmpty() ? current : current + "/" + below;
    }

    /** The current directory as the shell shows it: {@code /} for the root, else {@code /a/b}. */
    synchronized String current() {
        return "/" + current;
    }

    /**
     * Makes {@code typed} the current directory: {@code ..} is the current one's parent (the shell's
     * own bookkeeping: the file system never sees it), {@code /} or nothing the root, anything else a
     * directory the file system says exists.
     */
    synchronized void changeDirectory(Session session, String command, String typed) {
        if (typed.isEmpty() || path(typed).isEmpty() && typed.startsWith("/")) {
            current = "";
            return;
        }
        if (typed.equals("..")) {
            current = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
            return;
        }
        String target = path(current, typed);
        Directory.Status status = (Directory.Status) ask(session, command, typed, new Directory.Stat(target));
        if (!status.directory()) {
            throw failure(command, typed, Directory.NOT_A_DIRECTORY, "'" + target + "' is a file");
        }
        current = target;
    }

    /** The entries of the directory at {@code path} ("" for the root), in the directory's order. */
    synchronized List<Directory.Entry> list(Session session, String command, String typed) {
        Endpoint<Directory> dir = connected(session, command);
        List<Directory.Entry> entries = new ArrayList<>();
        try {
            dir.send(new Directory.List(path(current, typed)));
            for (Message m = dir.receive(); !(m instanceof Directory.End); m = dir.receive()) {
                switch (m) {
                    case Directory.Entry entry -> {
                        entries.add(entry);
                        dir.send(new Directory.More());
                    }
                    case Directory.Failed failed -> throw failure(command, typed, failed.error(), failed.reason());
                    default -> throw new IllegalStateException("the file system answered a List with " + m);
                }
            }
        } catch (ChannelClosedException e) {
            throw ended(command, e);
        } finally {
            root.put(dir); // a closed one too: the next command opens the root again
        }
        return entries;
    }

    synchronized Directory.Status stat(Session session, String command, String typed) {
        return (Directory.Status) ask(session, command, typed, new Directory.Stat(path(current, typed)));
    }

    /** Makes the directory {@code typed} (its parent must exist), durable once this returns. */
    synchronized void makeDirectory(Session session, String command, String typed) {
        ask(session, command, typed, new Directory.CreateDirectory(path(current, typed)));
        ask(session, command, typed, new Directory.Sync());
    }

    /** Deletes the file, or the empty directory, {@code typed}, durable once this returns. */
    synchronized void delete(Session session, String command, String typed) {
        ask(session, command, typed, new Directory.Delete(path(current, typed)));
        ask(session, command, typed, new Directory.Sync());
    }

    /**
     * Moves {@code from} to {@code to} in one atomic rename, durable once this returns; a file at
     * {@code to} is replaced. Into a directory that exists at {@code to}, as {@code mv} does, the
     * move keeps the last name of {@code from}.
     */
    synchronized void move(Session session, String command, String from, String to) {
        boolean intoDirectory;
        try {
            intoDirectory = ((Directory.Status) ask(session, command, to, new Directory.Stat(path(current, to)))).directory();
        } catch (Refused missing) {
            if (!missing.error.equals(Directory.NOT_FOUND)) {
                throw missing;
            }
            intoDirectory = false;
        }
        // each message gets paths of its own: a value moved into one message is not used again
        String source = path(current, from);
        String target = path(current, to);
        if (intoDirectory) {
            target = (target.isEmpty() ? "" : target + "/") + source.substring(source.lastIndexOf('/') + 1);
        }
        ask(session, command, from, new Directory.Rename(source, target));
        ask(session, command, from, new Directory.Sync());
    }

    /**
     * A new endpoint to the current directory, for a program that {@code run} starts there: the
     * program's capability to that subtree and nothing above it. Null if no file system is
     * running (the program then runs without one, as before there was a file system). With
     * {@code readOnly} the file system itself refuses every change through it ({@link Directory.OpenReadOnly}).
     */
    synchronized Endpoint<Directory> openCurrent(String command, boolean readOnly) {
        Endpoint<Directory> dir;
        try {
            dir = Connections.take(root, Directory.ROOT, Directory.class);
        } catch (NameServiceException e) {
            return null;
        }
        Message answer;
        try {
            dir.send(readOnly ? new Directory.OpenReadOnly(current) : new Directory.OpenDirectory(current, false));
            answer = dir.receive();
        } catch (ChannelClosedException e) {
            return null;
        } finally {
            root.put(dir);
        }
        return switch (answer) {
            case Directory.OpenedDirectory opened -> opened.directory();
            case Directory.Failed failed -> throw failure(command, "/" + current, failed.error(), failed.reason());
            default -> throw new IllegalStateException("the file system answered an OpenDirectory with " + answer);
        };
    }

    /**
     * Commits what a program run in the current directory wrote, so that it is on the disk when the
     * prompt comes back, as after the shell's own {@code write}; nothing if the file system is gone.
     */
    synchronized void syncQuietly() {
        try {
            Endpoint<Directory> dir = Connections.take(root, Directory.ROOT, Directory.class);
            try {
                dir.send(new Directory.Sync());
                dir.receive();
            } finally {
                root.put(dir);
            }
        } catch (NameServiceException | ChannelClosedException gone) {
            // no file system: nothing to commit
        }
    }

    /** How big the file system is, what is free, and what the shell uses of its quota. */
    synchronized Directory.FsStatus statfs(Session session, String command) {
        return (Directory.FsStatus) ask(session, command, "/", new Directory.Statfs());
    }

    /** Copies the whole file {@code typed} to {@code sink}; answers its last byte (-1 if empty). */
    synchronized int read(Session session, String command, String typed, OutputStream sink) {
        Endpoint<FileHandle> file = open(session, command, typed, false);
        // the block goes with each request and comes back with the answer: between them, the cell is empty
        Owned<Block> held = new Owned<>(Sip.allocate(CHUNK));
        byte[] bytes = new byte[CHUNK];
        int last = -1;
        try {
            while (true) {
                file.send(new FileHandle.Read(CHUNK, held.take()));
                switch (file.receive()) {
                    case FileHandle.Data data -> {
                        Block block = data.block();
                        block.copyTo(0, bytes, 0, data.length());
                        held.put(block);
                        if (data.length() == 0) {
                            return last;
                        }
                        sink.write(bytes, 0, data.length());
                        last = bytes[data.length() - 1] & 0xff;
                    }
                    case FileHandle.Failed failed -> {
                        held.put(failed.block());
                        throw failure(command, typed, failed.error(), failed.reason());
                    }
                    case Message other -> throw new IllegalStateException("the file system answered a Read with " + other);
                }
            }
        } catch (ChannelClosedException e) {
            throw ended(command, e); // the block went with the request the closed channel dropped
        } catch (java.io.IOException e) {
            throw new CommandException(command + ": " + typed + ": cannot print: " + e.getMessage());
        } finally {
            release(held, file);
        }
    }

    /** Makes {@code typed} a file holding {@code bytes} (created, or replaced), durable once this returns. */
    synchronized void write(Session session, String command, String typed, byte[] bytes) {
        Endpoint<FileHandle> file = open(session, command, typed, true);
        Owned<Block> held = new Owned<>(Sip.allocate(CHUNK));
        try {
            for (int at = 0; at < bytes.length; at += CHUNK) {
                int length = Math.min(CHUNK, bytes.length - at);
                Block block = held.take();
                block.copyFrom(bytes, at, 0, length);
                file.send(new FileHandle.Write(length, block));
                switch (file.receive()) {
                    case FileHandle.Written written -> held.put(written.block());
                    case FileHandle.Failed failed -> {
                        held.put(failed.block());
                        throw failure(command, typed, failed.error(), failed.reason());
                    }
                    case Message other -> throw new IllegalStateException("the file system answered a Write with " + other);
                }
            }
            file.send(new FileHandle.Fsync());
            if (file.receive() instanceof FileHandle.Failed failed) {
                throw failure(command, typed, failed.error(), failed.reason());
            }
        } catch (ChannelClosedException e) {
            throw ended(command, e);
        } finally {
            release(held, file);
        }
    }

    private Endpoint<FileHandle> open(Session session, String command, String typed, boolean replace) {
        Message opened = ask(session, command, typed, new Directory.OpenFile(path(current, typed), replace, replace));
        return ((Directory.OpenedFile) opened).file();
    }

    private static void release(Owned<Block> held, Endpoint<FileHandle> file) {
        if (!held.isEmpty()) {
            Block block = held.take();
            if (block.isLive()) {
                block.free();
            }
        }
        if (file.isOpen()) {
            file.close(); // the file system's thread for this file ends with it
        }
    }

    /** One request on the root and its answer; a {@link Directory.Failed} becomes the command's error. */
    private Message ask(Session session, String command, String typed, Message request) {
        Endpoint<Directory> dir = connected(session, command);
        Message answer;
        try {
            dir.send(request);
            answer = dir.receive();
        } catch (ChannelClosedException e) {
            throw ended(command, e);
        } finally {
            root.put(dir);
        }
        if (answer instanceof Directory.Failed failed) {
            throw failure(command, typed, failed.error(), failed.reason());
        }
        return answer;
    }

    /** The channel to the root, taken from its cell (put it back), opened again if the file system closed it. */
    private Endpoint<Directory> connected(Session session, String command) {
        try {
            return Connections.take(root, Directory.ROOT, Directory.class);
        } catch (NameServiceException e) {
            throw new CommandException(command + ": the file system is not running (" + e.getMessage() + ")");
        }
    }

    private static CommandException ended(String command, ChannelClosedException e) {
        return new CommandException(command + ": the file system stopped (" + e.getMessage() + ")");
    }

    /** A request the file system answered with {@link Directory.Failed}: {@code error} is one of its error names. */
    static final class Refused extends CommandException {
        final String error;

        Refused(String message, String error) {
            super(message);
            this.error = error;
        }
    }

    /** The command's error for a {@link Directory.Failed}: what went wrong in words, with the file system's reason. */
    static Refused failure(String command, String typed, String error, String reason) {
        String what = switch (error) {
            case Directory.NOT_FOUND -> "no such file or directory";
            case Directory.NOT_A_DIRECTORY -> "not a directory";
            case Directory.IS_A_DIRECTORY -> "is a directory";
            case Directory.EXISTS -> "already exists";
            case Directory.NOT_EMPTY -> "directory not empty";
            case Directory.BAD_PATH -> "refused path";
            case Directory.NO_SPACE -> "no space left on the disk";
            case Directory.QUOTA -> "over the shell's quota";
            case Directory.READ_ONLY -> "the file system is read-only";
            case Directory.CLOSED -> "the file system lost its disk";
            default -> error;
        };
        return new Refused(command + ": " + typed + ": " + what + " (" + reason + ")", error);
    }
}
