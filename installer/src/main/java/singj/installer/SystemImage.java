package singj.installer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import singj.kernel.KernelException;
import singj.kernel.ProgramStore;
import singj.kernel.SealedProgram;

/**
 * The system image: a directory of installed, sealed programs.
 * <pre>
 *   IMAGE/programs/NAME/program.properties   name, main class, digests, quota, when installed
 *   IMAGE/programs/NAME/sealed.jar           the sealed classes
 * </pre>
 * An install writes a new directory beside the old one and swaps it in, so a failed install
 * leaves the previous version intact. Loading checks the SHA-256 recorded at install, so a
 * changed image file is refused, never run.
 */
public final class SystemImage implements ProgramStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** What {@code programs} shows about one installed program. */
    public record Entry(String name, String mainClass, int classes, String source, Instant installed) {}

    private final Path root;
    private final Map<String, SealedProgram> loaded = new ConcurrentHashMap<>();

    public SystemImage(Path root) {
        this.root = root;
    }

    /** The default image directory: {@code $SINGJ_IMAGE}, else {@code ~/.singj/image}. */
    public static Path defaultLocation() {
        String env = System.getenv("SINGJ_IMAGE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".singj", "image");
    }

    public Path root() {
        return root;
    }

    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InstallException("'" + name + "' is not a valid program name (letters, digits, '.', '_' and '-', "
                    + "starting with a letter or digit, at most 64 characters)");
        }
    }

    public boolean contains(String name) {
        return Files.isRegularFile(programDir(name).resolve("program.properties"));
    }

    /** The source digest recorded when {@code name} was installed, or null. */
    public String sourceDigest(String name) {
        try {
            return contains(name) ? readProperties(programDir(name)).getProperty("source-digest") : null;
        } catch (KernelException e) {
            return null;
        }
    }

    /** Stores a sealed program under its name, replacing any earlier version only once the new one is complete. */
    public void store(SealedProgram program, String sourceDescription, String sourceDigest) {
        checkName(program.name());
        Path programs = root.resolve("programs");
        Path target = programDir(program.name());
        Path staging = programs.resolve(".new-" + program.name() + "-" + System.nanoTime());
        try {
            Files.createDirectories(staging);
            byte[] jar = SealedForm.jar(program, Map.of());
            Files.write(staging.resolve("sealed.jar"), jar);
            Properties meta = new Properties();
            SealedForm.describe(program, meta);
            meta.setProperty("source", sourceDescription);
            meta.setProperty("source-digest", sourceDigest);
            meta.setProperty("sealed-digest", Digests.sha256(jar));
            meta.setProperty("installed", Instant.now().toString());
            try (Writer out = Files.newBufferedWriter(staging.resolve("program.properties"), StandardCharsets.UTF_8)) {
                meta.store(out, "SingJ installed program; sealed.jar is checked against sealed-digest before it runs");
            }
            Path old = null;
            if (Files.exists(target)) {
                old = programs.resolve(".old-" + program.name() + "-" + System.nanoTime());
                move(target, old);
            }
            move(staging, target);
            if (old != null) {
                deleteTree(old);
            }
            loaded.remove(program.name());
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new InstallException("cannot write " + program.name() + " to the image at " + root + ": " + e, e);
        }
    }

    @Override
    public SealedProgram load(String name) {
        SealedProgram cached = loaded.get(name);
        if (cached != null) {
            return cached;
        }
        if (!NAME.matcher(name).matches() || !contains(name)) {
            throw new KernelException("no program named '" + name + "' is installed (see 'programs')");
        }
        Path dir = programDir(name);
        Properties meta = readProperties(dir);
        byte[] jar;
        try {
            jar = Files.readAllBytes(dir.resolve("sealed.jar"));
        } catch (IOException e) {
            throw new KernelException("program " + name + " in the image is damaged: cannot read "
                    + dir.resolve("sealed.jar") + " (" + e.getMessage() + "); install it again", e);
        }
        String expected = meta.getProperty("sealed-digest", "");
        if (!Digests.sha256(jar).equals(expected)) {
            throw new KernelException("program " + name + " in the image is damaged or was tampered with: "
                    + dir.resolve("sealed.jar") + " does not match the digest recorded at install; refusing to run it "
                    + "(install it again)");
        }
        try {
            Map<String, byte[]> others = new HashMap<>();
            SealedProgram program = SealedForm.program(name, meta, SealedForm.classes(jar, others), others);
            loaded.put(name, program);
            return program;
        } catch (IOException | IllegalArgumentException e) {
            throw new KernelException("program " + name + " in the image is damaged: " + e.getMessage()
                    + "; install it again", e);
        }
    }

    @Override
    public List<String> names() {
        return entries().stream().map(Entry::name).toList();
    }

    public List<Entry> entries() {
        Path programs = root.resolve("programs");
        if (!Files.isDirectory(programs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(programs)) {
            return dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.isRegularFile(d.resolve("program.properties")))
                    .map(this::entryOf)
                    .sorted(Comparator.comparing(Entry::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code name} from the image; returns false if it was not installed. */
    public boolean remove(String name) {
        checkName(name);
        Path dir = programDir(name);
        if (!Files.exists(dir)) {
            return false;
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new InstallException("cannot remove " + name + " from " + root + ": " + e.getMessage(), e);
        }
        loaded.remove(name);
        return true;
    }

    private Entry entryOf(Path dir) {
        Properties meta = readProperties(dir);
        Instant installed;
        try {
            installed = Instant.parse(meta.getProperty("installed", ""));
        } catch (RuntimeException e) {
            installed = Instant.EPOCH;
        }
        int classes;
        try {
            classes = Integer.parseInt(meta.getProperty("classes", "0"));
        } catch (NumberFormatException e) {
            classes = 0;
        }
        return new Entry(dir.getFileName().toString(), meta.getProperty("main-class", "?"), classes,
                meta.getProperty("source", "?"), installed);
    }

    private Path programDir(String name) {
        return root.resolve("programs").resolve(name);
    }

    private static Properties readProperties(Path dir) {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("program.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new KernelException("cannot read " + dir.resolve("program.properties") + ": " + e.getMessage(), e);
        }
        return meta;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException ignored) {
            // best effort: a leftover staging directory is skipped by entries()
        }
    }
}
