package singj.abi.runtime.files;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileFilter;
import java.io.FileNotFoundException;
import java.io.FilenameFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.StaticOf;

/**
 * The SIP's own versions of the JDK's file operations ({@code java.nio.file.Files}, the queries
 * of {@code java.io.File}, {@code Path.toAbsolutePath}): the installer redirects a sealed
 * program's calls here (each public method redirects the JDK member of the same name and
 * parameters, as in {@code StreamCalls}), and they act on the SIP's namespace ({@link SipFiles}),
 * never on the host's. A {@code Path} stays the JDK's own value (its string operations touch no
 * file); what it names is decided here: relative to the SIP's working directory, {@code .} and
 * {@code ..} taken away by name before the kernel sees it.
 */
public final class FileCalls {
    private FileCalls() {}

    // ---- paths --------------------------------------------------------------------------------

    /** {@code path} as an absolute, normalized path in the namespace of {@code files}. */
    public static String absolute(String path, SipFiles files) throws NoSuchFileException {
        if (path.indexOf('\0') >= 0) {
            throw new NoSuchFileException(path, null, "Invalid file path");
        }
        String full = path.startsWith("/") ? path : files.workingDirectory() + "/" + path;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast(); // as at the host's root, ".." of "/" is "/"
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    static SeekableByteChannel open(Path path, Set<? extends OpenOption> options, SipContext context) throws IOException {
        SipFiles files = context.files();
        String shown = path.toString();
        return files.open(absolute(shown, files), shown, options);
    }

    static BasicFileAttributes attributes(Path path, SipContext context) throws IOException {
        SipFiles files = context.files();
        String shown = path.toString();
        return files.attributes(absolute(shown, files), shown);
    }

    private static BasicFileAttributes attributesOrNull(Path path, SipContext context) {
        try {
            return attributes(path, context);
        } catch (IOException e) {
            return null;
        }
    }

    /** The options of {@code Files.newOutputStream}: none means create, truncate and write. */
    private static Set<OpenOption> writeOptions(OpenOption[] options) {
        Set<OpenOption> set = new HashSet<>(Arrays.asList(options));
        if (set.isEmpty()) {
            set.add(StandardOpenOption.CREATE);
            set.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (set.contains(StandardOpenOption.READ)) {
            throw new IllegalArgumentException("READ not allowed");
        }
        set.add(StandardOpenOption.WRITE);
        return set;
    }

    // ---- java.nio.file.Path --------------------------------------------------------------------

    public static Path toAbsolutePath(Path path, SipContext context) {
        return path.isAbsolute() ? path : Path.of(context.files().workingDirectory()).resolve(path);
    }

    /** The path as the namespace names it; no link is followed in a granted directory, so this is the normalized path. */
    public static Path toRealPath(Path path, LinkOption[] options, SipContext context) throws IOException {
        attributes(path, context);
        return Path.of(absolute(path.toString(), context.files()));
    }

    // ---- java.nio.file.Files: reading -----------------------------------------------------------

    @StaticOf(Files.class)
    public static InputStream newInputStream(Path path, OpenOption[] options, SipContext context) throws IOException {
        Set<OpenOption> set = new HashSet<>(Arrays.asList(options));
        if (set.contains(StandardOpenOption.WRITE) || set.contains(StandardOpenOption.APPEND)) {
            throw new UnsupportedOperationException("'" + (set.contains(StandardOpenOption.WRITE) ? "WRITE" : "APPEND")
                    + "' not allowed");
        }
        set.add(StandardOpenOption.READ);
        return FileStreams.input(open(path, set, context), context);
    }

    @StaticOf(Files.class)
    public static byte[] readAllBytes(Path path, SipContext context) throws IOException {
        try (SeekableByteChannel channel = open(path, Set.of(StandardOpenOption.READ), context)) {
            return FileStreams.readAll(channel, context);
        }
    }

    @StaticOf(Files.class)
    public static String readString(Path path, SipContext context) throws IOException {
        return readString(path, StandardCharsets.UTF_8, context);
    }

    @StaticOf(Files.class)
    public static String readString(Path path, Charset charset, SipContext context) throws IOException {
        byte[] bytes = readAllBytes(path, context);
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    @StaticOf(Files.class)
    public static BufferedReader newBufferedReader(Path path, SipContext context) throws IOException {
        return newBufferedReader(path, StandardCharsets.UTF_8, context);
    }

    @StaticOf(Files.class)
    public static BufferedReader newBufferedReader(Path path, Charset charset, SipContext context) throws IOException {
        InputStream in = FileStreams.input(open(path, Set.of(StandardOpenOption.READ), context), context);
        return new BufferedReader(new InputStreamReader(in, charset.newDecoder()));
    }

    @StaticOf(Files.class)
    public static List<String> readAllLines(Path path, SipContext context) throws IOException {
        return readAllLines(path, StandardCharsets.UTF_8, context);
    }

    @StaticOf(Files.class)
    public static List<String> readAllLines(Path path, Charset charset, SipContext context) throws IOException {
        try (BufferedReader reader = newBufferedReader(path, charset, context)) {
            List<String> lines = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
            return lines;
        }
    }

    @StaticOf(Files.class)
    public static Stream<String> lines(Path path, SipContext context) throws IOException {
        return lines(path, StandardCharsets.UTF_8, context);
    }

    @StaticOf(Files.class)
    public static Stream<String> lines(Path path, Charset charset, SipContext context) throws IOException {
        BufferedReader reader = newBufferedReader(path, charset, context);
        return reader.lines().onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ---- java.nio.file.Files: writing -----------------------------------------------------------

    @StaticOf(Files.class)
    public static OutputStream newOutputStream(Path path, OpenOption[] options, SipContext context) throws IOException {
        return FileStreams.output(open(path, writeOptions(options), context));
    }

    @StaticOf(Files.class)
    public static BufferedWriter newBufferedWriter(Path path, OpenOption[] options, SipContext context) throws IOException {
        return newBufferedWriter(path, StandardCharsets.UTF_8, options, context);
    }

    @StaticOf(Files.class)
    public static BufferedWriter newBufferedWriter(Path path, Charset charset, OpenOption[] options, SipContext context)
            throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newOutputStream(path, options, context), charset.newEncoder()));
    }

    @StaticOf(Files.class)
    public static Path write(Path path, byte[] bytes, OpenOption[] options, SipContext context) throws IOException {
        try (OutputStream out = newOutputStream(path, options, context)) {
            out.write(bytes);
        }
        return path;
    }

    @StaticOf(Files.class)
    public static Path write(Path path, Iterable<? extends CharSequence> lines, OpenOption[] options, SipContext context)
            throws IOException {
        return write(path, lines, StandardCharsets.UTF_8, options, context);
    }

    @StaticOf(Files.class)
    public static Path write(Path path, Iterable<? extends CharSequence> lines, Charset charset, OpenOption[] options,
                             SipContext context) throws IOException {
        try (BufferedWriter writer = newBufferedWriter(path, charset, options, context)) {
            for (CharSequence line : lines) {
                writer.append(line);
                writer.newLine();
            }
        }
        return path;
    }

    @StaticOf(Files.class)
    public static Path writeString(Path path, CharSequence text, OpenOption[] options, SipContext context) throws IOException {
        return writeString(path, text, StandardCharsets.UTF_8, options, context);
    }

    @StaticOf(Files.class)
    public static Path writeString(Path path, CharSequence text, Charset charset, OpenOption[] options, SipContext context)
            throws IOException {
        ByteBuffer bytes = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(text));
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return write(path, array, options, context);
    }

    // ---- java.nio.file.Files: the tree --------------------------------------------------------

    @StaticOf(Files.class)
    public static boolean exists(Path path, LinkOption[] options, SipContext context) {
        return attributesOrNull(path, context) != null;
    }

    @StaticOf(Files.class)
    public static boolean notExists(Path path, LinkOption[] options, SipContext context) {
        try {
            attributes(path, context);
            return false;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false; // unknown, as the JDK answers
        }
    }

    @StaticOf(Files.class)
    public static boolean isDirectory(Path path, LinkOption[] options, SipContext context) {
        BasicFileAttributes attributes = attributesOrNull(path, context);
        return attributes != null && attributes.isDirectory();
    }

    @StaticOf(Files.class)
    public static boolean isRegularFile(Path path, LinkOption[] options, SipContext context) {
        BasicFileAttributes attributes = attributesOrNull(path, context);
        return attributes != null && attributes.isRegularFile();
    }

    @StaticOf(Files.class)
    public static boolean isSymbolicLink(Path path, SipContext context) {
        BasicFileAttributes attributes = attributesOrNull(path, context);
        return attributes != null && attributes.isSymbolicLink();
    }

    @StaticOf(Files.class)
    public static boolean isReadable(Path path, SipContext context) {
        return attributesOrNull(path, context) != null;
    }

    @StaticOf(Files.class)
    public static boolean isWritable(Path path, SipContext context) {
        return attributesOrNull(path, context) != null && writable(path.toString(), context);
    }

    private static boolean writable(String path, SipContext context) {
        try {
            return context.files().writable(absolute(path, context.files()));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @StaticOf(Files.class)
    public static long size(Path path, SipContext context) throws IOException {
        return attributes(path, context).size();
    }

    @StaticOf(Files.class)
    public static FileTime getLastModifiedTime(Path path, LinkOption[] options, SipContext context) throws IOException {
        return attributes(path, context).lastModifiedTime();
    }

    @StaticOf(Files.class)
    public static Stream<Path> list(Path directory, SipContext context) throws IOException {
        return names(directory, context).stream().map(directory::resolve);
    }

    private static List<String> names(Path directory, SipContext context) throws IOException {
        SipFiles files = context.files();
        String shown = directory.toString();
        return files.list(absolute(shown, files), shown);
    }

    @StaticOf(Files.class)
    public static Stream<Path> walk(Path start, FileVisitOption[] options, SipContext context) throws IOException {
        return walk(start, Integer.MAX_VALUE, options, context);
    }

    /**
     * Depth first, each directory before its entries, entries in the host's order, as the JDK
     * walks; a link is an entry, never followed (FOLLOW_LINKS cannot leave a granted tree either).
     * The tree is read before the stream is returned.
     */
    @StaticOf(Files.class)
    public static Stream<Path> walk(Path start, int maxDepth, FileVisitOption[] options, SipContext context)
            throws IOException {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("'maxDepth' is negative");
        }
        List<Path> found = new ArrayList<>();
        BasicFileAttributes attributes = attributes(start, context);
        walkInto(found, start, attributes, maxDepth, context);
        return found.stream();
    }

    private static void walkInto(List<Path> found, Path path, BasicFileAttributes attributes, int depth, SipContext context)
            throws IOException {
        found.add(path);
        if (depth == 0 || !attributes.isDirectory()) {
            return;
        }
        for (String name : names(path, context)) {
            Path child = path.resolve(name);
            BasicFileAttributes childAttributes = attributesOrNull(child, context);
            if (childAttributes != null) { // gone since the listing: the JDK skips it too
                walkInto(found, child, childAttributes, depth - 1, context);
            }
        }
    }

    @StaticOf(Files.class)
    public static Path createDirectory(Path directory, FileAttribute<?>[] attributes, SipContext context) throws IOException {
        SipFiles files = context.files();
        String shown = directory.toString();
        files.createDirectory(absolute(shown, files), shown);
        return directory;
    }

    @StaticOf(Files.class)
    public static Path createDirectories(Path directory, FileAttribute<?>[] attributes, SipContext context)
            throws IOException {
        SipFiles files = context.files();
        String target = absolute(directory.toString(), files);
        String made = "";
        for (String part : target.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            made = made + "/" + part;
            BasicFileAttributes existing;
            try {
                existing = files.attributes(made, made);
            } catch (NoSuchFileException e) {
                existing = null;
            }
            if (existing == null) {
                files.createDirectory(made, made.equals(target) ? directory.toString() : made);
            } else if (!existing.isDirectory()) {
                throw new FileAlreadyExistsException(made.equals(target) ? directory.toString() : made);
            }
        }
        return directory;
    }

    @StaticOf(Files.class)
    public static Path createFile(Path path, FileAttribute<?>[] attributes, SipContext context) throws IOException {
        open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), context).close();
        return path;
    }

    @StaticOf(Files.class)
    public static void delete(Path path, SipContext context) throws IOException {
        SipFiles files = context.files();
        String shown = path.toString();
        files.delete(absolute(shown, files), shown);
    }

    @StaticOf(Files.class)
    public static boolean deleteIfExists(Path path, SipContext context) throws IOException {
        try {
            delete(path, context);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    // ---- java.io.File ---------------------------------------------------------------------------

    private static BasicFileAttributes attributesOrNull(File file, SipContext context) {
        try {
            SipFiles files = context.files();
            return files.attributes(absolute(file.getPath(), files), file.getPath());
        } catch (IOException e) {
            return null;
        }
    }

    public static boolean exists(File file, SipContext context) {
        return attributesOrNull(file, context) != null;
    }

    public static boolean isDirectory(File file, SipContext context) {
        BasicFileAttributes attributes = attributesOrNull(file, context);
        return attributes != null && attributes.isDirectory();
    }

    public static boolean isFile(File file, SipContext context) {
        BasicFileAttributes attributes = attributesOrNull(file, context);
        return attributes != null && attributes.isRegularFile();
    }

    public static boolean canRead(File file, SipContext context) {
        return exists(file, context);
    }

    public static boolean canWrite(File file, SipContext context) {
        return exists(file, context) && writable(file.getPath(), context);
    }

    public static long length(File file, SipContext context) {
        BasicFileAttributes attributes = attributesOrNull(file, context);
        return attributes == null ? 0 : attributes.size();
    }

    public static long lastModified(File file, SipContext context) {
        BasicFileAttributes attributes = attributesOrNull(file, context);
        return attributes == null ? 0 : attributes.lastModifiedTime().toMillis();
    }

    public static boolean delete(File file, SipContext context) {
        try {
            delete(file.toPath(), context);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean mkdir(File file, SipContext context) {
        try {
            createDirectory(file.toPath(), new FileAttribute<?>[0], context);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean mkdirs(File file, SipContext context) {
        if (exists(file, context)) {
            return false;
        }
        try {
            createDirectories(file.toPath(), new FileAttribute<?>[0], context);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean createNewFile(File file, SipContext context) throws IOException {
        try {
            createFile(file.toPath(), new FileAttribute<?>[0], context);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    public static String[] list(File file, SipContext context) {
        try {
            return names(file.toPath(), context).toArray(String[]::new);
        } catch (IOException e) {
            return null;
        }
    }

    public static String[] list(File file, FilenameFilter filter, SipContext context) {
        String[] names = list(file, context);
        return names == null || filter == null ? names
                : Arrays.stream(names).filter(name -> filter.accept(file, name)).toArray(String[]::new);
    }

    public static File[] listFiles(File file, SipContext context) {
        String[] names = list(file, context);
        return names == null ? null : Arrays.stream(names).map(name -> new File(file, name)).toArray(File[]::new);
    }

    public static File[] listFiles(File file, FilenameFilter filter, SipContext context) {
        String[] names = list(file, filter, context);
        return names == null ? null : Arrays.stream(names).map(name -> new File(file, name)).toArray(File[]::new);
    }

    public static File[] listFiles(File file, FileFilter filter, SipContext context) {
        File[] files = listFiles(file, context);
        return files == null || filter == null ? files : Arrays.stream(files).filter(filter::accept).toArray(File[]::new);
    }

    public static String getAbsolutePath(File file, SipContext context) {
        String path = file.getPath();
        if (file.isAbsolute()) {
            return path;
        }
        String directory = context.files().workingDirectory();
        return path.isEmpty() ? directory : (directory.equals("/") ? "" : directory) + "/" + path;
    }

    public static File getAbsoluteFile(File file, SipContext context) {
        return new File(getAbsolutePath(file, context));
    }

    public static String getCanonicalPath(File file, SipContext context) throws IOException {
        return absolute(file.getPath(), context.files());
    }

    public static File getCanonicalFile(File file, SipContext context) throws IOException {
        return new File(getCanonicalPath(file, context));
    }

    // ---- for the java.io stream classes ----------------------------------------------------------

    /** Opens {@code name} as the java.io classes do: a failure is a {@link FileNotFoundException} saying why. */
    static SeekableByteChannel openForStream(String name, Set<? extends OpenOption> options, SipContext context)
            throws FileNotFoundException {
        try {
            SipFiles files = context.files();
            return files.open(absolute(name, files), name, options);
        } catch (NoSuchFileException e) {
            throw notFound(name, "No such file or directory");
        } catch (AccessDeniedException e) {
            throw notFound(name, "Permission denied" + (e.getReason() == null ? "" : ": " + e.getReason()));
        } catch (FileSystemException e) {
            throw notFound(name, e.getReason() == null ? "cannot open" : e.getReason());
        } catch (IOException e) {
            throw notFound(name, e.getMessage());
        }
    }

    private static FileNotFoundException notFound(String name, String why) {
        return new FileNotFoundException(name + " (" + why + ")");
    }
}
