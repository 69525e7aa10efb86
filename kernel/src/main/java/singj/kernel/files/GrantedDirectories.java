package singj.kernel.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import singj.abi.runtime.files.SipFiles;
import singj.abi.runtime.files.TimelessAttributes;

/**
 * One SIP's file namespace over the host directories its starter granted: the kernel half of the
 * file APIs (the SIP's half is {@code singj.abi.runtime.files}). A direct in-kernel grant object,
 * the first step before a host-directory service SIP (docs/storage.md).
 *
 * <p>Containment does not rest on path strings. Each granted directory is opened once, when the
 * SIP starts, as a {@link SecureDirectoryStream} (a directory file descriptor); every request
 * walks from it one component at a time with {@code openat(..., O_NOFOLLOW)}
 * ({@link LinkOption#NOFOLLOW_LINKS}), and opens, stats and unlinks relative to the last
 * directory's descriptor. So a symbolic link is never followed (one inside the tree is refused,
 * wherever it points), a rename of a directory on the host while the SIP walks cannot move the
 * walk out of the tree, and {@code ..} never reaches the host (paths arrive normalized, and are
 * checked again here). Only regular files are opened: a device, a pipe or a socket in a granted
 * tree is refused after a stat without following links. Two host-side races remain, for a host
 * process that writes into the granted tree at the same moment: the stat and the open are two
 * calls (a file swapped for a pipe between them can block the opener; it still cannot escape:
 * the open is relative and refuses links), and {@link #createDirectory} makes the directory by
 * its host path (the JDK has no {@code mkdirat}) after checking its parent by descriptor.
 */
public final class GrantedDirectories implements SipFiles, Closeable {
    /** The most files a SIP may hold open: each is a host file descriptor. */
    public static final int MAX_OPEN = 256;

    private record Mount(String path, Path host, boolean writable, SecureDirectoryStream<Path> root) {
        boolean covers(String p) {
            return path.equals("/") || p.equals(path) || p.startsWith(path + "/");
        }

        List<String> components(String p) {
            String rest = path.equals("/") ? p : p.substring(path.length());
            List<String> parts = new ArrayList<>();
            for (String part : rest.split("/")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return parts;
        }
    }

    private final List<Mount> mounts;
    private final String workingDirectory;
    private final Set<SeekableByteChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private GrantedDirectories(List<Mount> mounts, String workingDirectory) {
        this.mounts = mounts;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Opens the granted directories; the working directory is the first one's mount path.
     *
     * @throws IllegalArgumentException naming the grant, if a host directory cannot be opened
     */
    public static GrantedDirectories open(List<DirectoryGrant> grants) {
        List<Mount> mounts = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        try {
            for (DirectoryGrant grant : grants) {
                if (!paths.add(grant.mount())) {
                    throw new IllegalArgumentException("two directories granted at " + grant.mount());
                }
                mounts.add(mount(grant));
            }
        } catch (RuntimeException e) {
            mounts.forEach(m -> closeQuietly(m.root()));
            throw e;
        }
        mounts.sort(Comparator.comparingInt((Mount m) -> m.path().length()).reversed());
        return new GrantedDirectories(List.copyOf(mounts), grants.isEmpty() ? "/" : grants.getFirst().mount());
    }

    private static Mount mount(DirectoryGrant grant) {
        String what = (grant.writable() ? "--dir-rw " : "--dir ") + grant.host() + ":" + grant.mount();
        try {
            Path real = grant.host().toRealPath(); // the starter's own path may go through links
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException(what + ": " + grant.host() + " is not a directory");
            }
            DirectoryStream<Path> stream = Files.newDirectoryStream(real);
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                stream.close();
                throw new IllegalArgumentException(what + ": this host cannot open directories relative to a "
                        + "descriptor (no SecureDirectoryStream), so SingJ cannot keep a SIP inside one");
            }
            return new Mount(grant.mount(), real, grant.writable(), secure);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot open " + grant.host() + " (" + e + ")");
        }
    }

    @Override
    public String workingDirectory() {
        return workingDirectory;
    }

    /** Where the grants are seen. */
    public List<String> mountPaths() {
        return mounts.stream().map(Mount::path).toList();
    }

    /** How many host files the SIP holds open now. */
    public int openFiles() {
        return open.size();
    }

    // ---- the requests ---------------------------------------------------------------------

    @Override
    public SeekableByteChannel open(String path, String shown, Set<? extends OpenOption> options) throws IOException {
        Mount mount = mountOf(path, shown);
        List<String> parts = mount.components(path);
        boolean writes = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
            throw new AccessDeniedException(shown, null, "DELETE_ON_CLOSE is not supported in a granted directory");
        }
        if (writes) {
            requireWritable(mount, shown);
        }
        if (parts.isEmpty()) {
            throw new FileSystemException(shown, null, "Is a directory");
        }
        if (open.size() >= MAX_OPEN) {
            throw new FileSystemException(shown, null, "Too many open files (a SIP may hold " + MAX_OPEN + ")");
        }
        String name = parts.getLast();
        try (SecureDirectoryStream<Path> parent = walk(mount, parts, parts.size() - 1, shown)) {
            BasicFileAttributes attributes = attributesOrNull(parent, name);
            if (attributes != null) {
                regularFile(attributes, shown);
            }
            Set<OpenOption> noLinks = new HashSet<>(options);
            noLinks.add(LinkOption.NOFOLLOW_LINKS);
            SeekableByteChannel channel;
            try {
                channel = parent.newByteChannel(Path.of(name), noLinks);
            } catch (IOException e) {
                throw named(e, shown);
            }
            return track(channel);
        }
    }

    @Override
    public BasicFileAttributes attributes(String path, String shown) throws IOException {
        Mount mount = mountOrNull(path);
        if (mount == null) {
            return virtualDirectory(path, shown);
        }
        List<String> parts = mount.components(path);
        if (parts.isEmpty()) {
            try (SecureDirectoryStream<Path> self = walk(mount, parts, 0, shown)) {
                return self.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
            }
        }
        try (SecureDirectoryStream<Path> parent = walk(mount, parts, parts.size() - 1, shown)) {
            BasicFileAttributes attributes = attributesOrNull(parent, parts.getLast());
            if (attributes == null) {
                throw new NoSuchFileException(shown);
            }
            return attributes;
        }
    }

    @Override
    public List<String> list(String path, String shown) throws IOException {
        Mount mount = mountOrNull(path);
        if (mount == null) {
            virtualDirectory(path, shown);
            return List.copyOf(childMounts(path));
        }
        List<String> parts = mount.components(path);
        List<String> names = new ArrayList<>();
        try (SecureDirectoryStream<Path> directory = walk(mount, parts, parts.size(), shown)) {
            for (Path entry : directory) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public void createDirectory(String path, String shown) throws IOException {
        Mount mount = mountOrNull(path);
        if (mount == null && !path.equals("/") && childMounts(path).isEmpty()) {
            throw new AccessDeniedException(shown, null, "outside every granted directory: the directories above "
                    + "the grants hold only them");
        }
        if (mount == null || mount.components(path).isEmpty()) {
            throw new FileAlreadyExistsException(shown);
        }
        requireWritable(mount, shown);
        List<String> parts = mount.components(path);
        try (SecureDirectoryStream<Path> parent = walk(mount, parts, parts.size() - 1, shown)) {
            if (attributesOrNull(parent, parts.getLast()) != null) {
                throw new FileAlreadyExistsException(shown);
            }
            try {
                Files.createDirectory(mount.host().resolve(String.join("/", parts))); // no mkdirat: see the class comment
            } catch (IOException e) {
                throw named(e, shown);
            }
        }
    }

    @Override
    public void delete(String path, String shown) throws IOException {
        Mount mount = mountOrNull(path);
        if (mount == null || mount.components(path).isEmpty()) {
            throw new AccessDeniedException(shown, null, "a granted directory's root, or a directory above it, is not deleted");
        }
        requireWritable(mount, shown);
        List<String> parts = mount.components(path);
        try (SecureDirectoryStream<Path> parent = walk(mount, parts, parts.size() - 1, shown)) {
            BasicFileAttributes attributes = attributesOrNull(parent, parts.getLast());
            if (attributes == null) {
                throw new NoSuchFileException(shown);
            }
            try {
                if (attributes.isDirectory()) {
                    parent.deleteDirectory(Path.of(parts.getLast()));
                } else {
                    parent.deleteFile(Path.of(parts.getLast())); // a link itself, never what it names
                }
            } catch (IOException e) {
                throw named(e, shown);
            }
        }
    }

    @Override
    public boolean writable(String path) {
        Mount mount = mountOrNull(path);
        return mount != null && mount.writable();
    }

    /** Closes every file the SIP holds open and the granted directories: the SIP is ending. */
    @Override
    public void close() {
        closed = true;
        for (SeekableByteChannel channel : open) {
            closeQuietly(channel);
        }
        open.clear();
        mounts.forEach(m -> closeQuietly(m.root()));
    }

    // ---- walking ----------------------------------------------------------------------------

    /**
     * The directory reached from {@code mount}'s root by the first {@code count} of {@code parts},
     * each opened relative to the one before and never through a link; the caller closes it.
     */
    private SecureDirectoryStream<Path> walk(Mount mount, List<String> parts, int count, String shown) throws IOException {
        if (closed) {
            throw new FileSystemException(shown, null, "the SIP is ending");
        }
        SecureDirectoryStream<Path> directory = mount.root().newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS);
        for (int i = 0; i < count; i++) {
            String part = parts.get(i);
            SecureDirectoryStream<Path> next;
            try {
                next = directory.newDirectoryStream(Path.of(part), LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                BasicFileAttributes attributes = attributesOrNull(directory, part);
                closeQuietly(directory);
                if (attributes != null && attributes.isSymbolicLink()) {
                    throw link(shown);
                }
                if (attributes != null && !attributes.isDirectory()) {
                    throw new FileSystemException(shown, null, "Not a directory");
                }
                throw named(e, shown);
            }
            directory.close();
            directory = next;
        }
        return directory;
    }

    private static BasicFileAttributes attributesOrNull(SecureDirectoryStream<Path> directory, String name) throws IOException {
        try {
            return directory.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void regularFile(BasicFileAttributes attributes, String shown) throws IOException {
        if (attributes.isSymbolicLink()) {
            throw link(shown);
        }
        if (attributes.isDirectory()) {
            throw new FileSystemException(shown, null, "Is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new AccessDeniedException(shown, null, "not a regular file: a device, pipe or socket in a granted "
                    + "directory is never opened");
        }
    }

    private static AccessDeniedException link(String shown) {
        return new AccessDeniedException(shown, null, "a symbolic link in a granted directory is not followed");
    }

    private static void requireWritable(Mount mount, String shown) throws AccessDeniedException {
        if (!mount.writable()) {
            throw new AccessDeniedException(shown, null, mount.path() + " is granted read-only (--dir; --dir-rw grants writing)");
        }
    }

    private Mount mountOf(String path, String shown) throws IOException {
        Mount mount = mountOrNull(path);
        if (mount == null) {
            virtualDirectory(path, shown);
            throw new FileSystemException(shown, null, "Is a directory");
        }
        return mount;
    }

    /** The grant {@code path} lies in (the deepest), or null; refuses a path that is not normalized. */
    private Mount mountOrNull(String path) {
        if (DirectoryGrant.mountProblem(path) != null) {
            // FileCalls normalizes every path; one that is not was forged past it
            throw new IllegalArgumentException("not a normalized absolute path: " + path);
        }
        for (Mount mount : mounts) {
            if (mount.covers(path)) {
                return mount;
            }
        }
        return null;
    }

    /** The names of the mount points directly below {@code path}, a directory above some grant. */
    private Set<String> childMounts(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        Set<String> names = new TreeSet<>();
        for (Mount mount : mounts) {
            if (mount.path().startsWith(prefix) && mount.path().length() > prefix.length()) {
                String rest = mount.path().substring(prefix.length());
                int slash = rest.indexOf('/');
                names.add(slash < 0 ? rest : rest.substring(0, slash));
            }
        }
        return names;
    }

    /** The attributes of a directory that exists only because a grant lies below it (the root, at least). */
    private BasicFileAttributes virtualDirectory(String path, String shown) throws NoSuchFileException {
        if (!path.equals("/") && childMounts(path).isEmpty()) {
            throw new NoSuchFileException(shown);
        }
        return TimelessAttributes.PASSAGE;
    }

    /** The host's exception, naming the SIP's path instead of the host's. */
    private static IOException named(IOException e, String shown) {
        return switch (e) {
            case NoSuchFileException _ -> new NoSuchFileException(shown);
            case FileAlreadyExistsException _ -> new FileAlreadyExistsException(shown);
            case DirectoryNotEmptyException _ -> new DirectoryNotEmptyException(shown);
            case NotDirectoryException _ -> new NotDirectoryException(shown);
            case AccessDeniedException _ -> new AccessDeniedException(shown);
            case FileSystemException fs -> new FileSystemException(shown, null, fs.getReason());
            default -> new IOException(shown + ": " + e.getClass().getSimpleName());
        };
    }

    // ---- open files ---------------------------------------------------------------------------

    private SeekableByteChannel track(SeekableByteChannel channel) throws IOException {
        SeekableByteChannel tracked = new Tracked(channel);
        open.add(tracked);
        if (closed) { // the SIP ended while this one opened: close() may have missed it
            open.remove(tracked);
            channel.close();
            throw new FileSystemException(null, null, "the SIP is ending");
        }
        return tracked;
    }

    /** A file the SIP holds, forgotten when it closes it. */
    private final class Tracked implements SeekableByteChannel {
        private final SeekableByteChannel channel;

        Tracked(SeekableByteChannel channel) {
            this.channel = channel;
        }

        @Override public int read(ByteBuffer dst) throws IOException { return channel.read(dst); }
        @Override public int write(ByteBuffer src) throws IOException { return channel.write(src); }
        @Override public long position() throws IOException { return channel.position(); }
        @Override public SeekableByteChannel position(long p) throws IOException { channel.position(p); return this; }
        @Override public long size() throws IOException { return channel.size(); }
        @Override public SeekableByteChannel truncate(long size) throws IOException { channel.truncate(size); return this; }
        @Override public boolean isOpen() { return channel.isOpen(); }

        @Override
        public void close() throws IOException {
            open.remove(this);
            channel.close();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the SIP is ending or the file is gone: nothing more to release
        }
    }
}
