package singj.installer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import singj.abi.runtime.SipGlue;
import singj.kernel.SealedProgram;

/**
 * Programs already verified and sealed, found by the digest of what they were sealed from, so
 * that {@code singj run app.jar} verifies a jar once rather than on every run.
 *
 * <p>An entry is one file, {@code DIR/KEY.sealed}: a line {@code singj-sealed 1 MAC}, then a jar
 * of the sealed classes with {@code META-INF/singj-program.properties} (what the image's
 * {@code program.properties} holds: {@link SealedForm}). KEY is the SHA-256 of the program's
 * digest (its jar and every jar its {@code Class-Path} names, {@link ProgramJar#digestOf}), the
 * name and main class it runs under, and the toolchain: this SingJ's installer, runtime and
 * kernel code and this JDK, so that a new SingJ or JDK verifies again.
 *
 * <p>Trust: an entry is run without verification, so it must be one this user's SingJ wrote.
 * MAC is an HMAC-SHA256 of KEY and the jar under a secret of 256 random bits in
 * {@link #defaultKeyFile()} (made on first use, readable by its owner only), not in the cache
 * directory: whoever can write the cache directory, but not read the secret, cannot make an
 * entry this user's SingJ accepts, nor move one entry to another program's key. An entry whose
 * MAC does not match, truncated, damaged or forged, counts as absent: the jar is verified again
 * and the entry replaced. Whoever can read the secret can run code as this user anyway.
 *
 * <p>Entries are written to a temporary file and renamed into place, so two runs of the same jar
 * at once each read a whole entry or none; the cache is kept under its size by dropping the
 * entries used longest ago (a hit sets the file's modification time).
 */
public final class SealCache {
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private static final String HEADER = "singj-sealed 1 ";
    private static final String SUFFIX = ".sealed";
    private static final String TEMPORARY = ".tmp-";
    private static final String DESCRIPTION = "META-INF/singj-program.properties";
    private static final int SECRET_BYTES = 32;
    /** A temporary file this old was left by a run that died while writing it. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path directory;
    private final Path keyFile;
    private final long maxBytes;

    /**
     * A cache of at most {@code maxBytes} in {@code directory} (0: keep nothing), its entries
     * authenticated by the secret in {@code keyFile}.
     */
    public SealCache(Path directory, Path keyFile, long maxBytes) {
        this.directory = directory;
        this.keyFile = keyFile;
        this.maxBytes = maxBytes;
    }

    /** The cache of {@code image}: its directory {@code cache}, the user's secret. */
    public static SealCache of(SystemImage image, long maxBytes) {
        return new SealCache(image.root().resolve("cache"), defaultKeyFile(), maxBytes);
    }

    /** {@code ~/.singj/seal-cache.key}: in the user's own directory, not the image's, which may be shared. */
    public static Path defaultKeyFile() {
        return Path.of(System.getProperty("user.home"), ".singj", "seal-cache.key");
    }

    public Path directory() {
        return directory;
    }

    /**
     * {@code jar} sealed, to run under its file name: the cached form if there is an intact one,
     * else verified and sealed by the standard installer now, and kept.
     *
     * @throws RejectedProgramException if it breaks a rule (nothing is kept)
     * @throws InstallException if it cannot be read
     */
    public SealedProgram seal(Path jar, String mainClassOverride) {
        Optional<SealedProgram> cached = cached(jar, mainClassOverride);
        if (cached.isPresent()) {
            return cached.get();
        }
        ProgramJar program = ProgramJar.read(jar, mainClassOverride);
        String name = program.defaultName();
        SealedProgram sealed = Installer.standard().seal(program, name, 0);
        // keyed by the digest of the bytes that were verified, should the jar have changed since
        String key = key(program.digest(), name, mainClassOverride);
        if (key != null && maxBytes > 0) {
            store(key, sealed);
        }
        return sealed;
    }

    /** The cached sealed form of {@code jar}, if there is an intact one. */
    public Optional<SealedProgram> cached(Path jar, String mainClassOverride) {
        String name = ProgramJar.defaultName(jar);
        String key = maxBytes > 0 ? key(ProgramJar.digestOf(jar), name, mainClassOverride) : null;
        return key == null ? Optional.empty() : Optional.ofNullable(find(key, name));
    }

    private SealedProgram find(String key, String name) {
        Path entry = directory.resolve(key + SUFFIX);
        byte[] bytes;
        byte[] secret;
        try {
            bytes = Files.readAllBytes(entry);
            secret = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            return null; // no entry, or no secret to check one with
        }
        int newline = indexOf(bytes, (byte) '\n', HEADER.length() + 64 + 1);
        if (newline < 0 || secret.length != SECRET_BYTES) {
            return null;
        }
        String header = new String(bytes, 0, newline, StandardCharsets.US_ASCII);
        if (!header.startsWith(HEADER)) {
            return null;
        }
        byte[] jar = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        byte[] mac;
        try {
            mac = HexFormat.of().parseHex(header.substring(HEADER.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(mac, mac(secret, key, jar))) {
            return null;
        }
        try {
            Map<String, byte[]> others = new HashMap<>();
            Map<String, byte[]> classes = SealedForm.classes(jar, others);
            Properties meta = new Properties();
            byte[] description = others.get(DESCRIPTION);
            if (description == null) {
                return null;
            }
            meta.load(new ByteArrayInputStream(description));
            SealedProgram program = SealedForm.program(name, meta, classes, others);
            touch(entry);
            return program;
        } catch (IOException | IllegalArgumentException e) {
            return null; // authentic, yet not a program: written by a SingJ that wrote them otherwise
        }
    }

    private void store(String key, SealedProgram program) {
        Path temporary = null;
        try {
            byte[] secret = secret();
            var description = new ByteArrayOutputStream();
            Properties meta = new Properties();
            SealedForm.describe(program, meta);
            meta.store(description, "SingJ sealed program, found by its key; checked against the MAC before it runs");
            byte[] jar = SealedForm.jar(program, Map.of(DESCRIPTION, description.toByteArray()));
            if (jar.length > maxBytes) {
                return;
            }
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, TEMPORARY, SUFFIX);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write((HEADER + HexFormat.of().formatHex(mac(secret, key, jar)) + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jar);
            }
            move(temporary, directory.resolve(key + SUFFIX));
            temporary = null;
            evict();
        } catch (IOException | UnsupportedOperationException e) {
            // a cache that cannot be written (a read-only image) only costs the next run a verification
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // left for the next eviction, which removes abandoned temporary files
                }
            }
        }
    }

    /** Drops the entries used longest ago until the rest fit, and temporary files of runs that died. */
    private void evict() throws IOException {
        record Entry(Path path, long size, FileTime used) {}
        List<Entry> entries = new ArrayList<>();
        Instant abandoned = Instant.now().minus(ABANDONED);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String fileName = file.getFileName().toString();
                try {
                    FileTime modified = Files.getLastModifiedTime(file);
                    if (fileName.startsWith(TEMPORARY) && modified.toInstant().isBefore(abandoned)) {
                        Files.deleteIfExists(file);
                    } else if (fileName.endsWith(SUFFIX) && !fileName.startsWith(TEMPORARY)) {
                        entries.add(new Entry(file, Files.size(file), modified));
                    }
                } catch (NoSuchFileException e) {
                    // another run removed it meanwhile
                }
            }
        }
        long total = entries.stream().mapToLong(Entry::size).sum();
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry entry : entries) {
            if (total <= maxBytes) {
                break;
            }
            Files.deleteIfExists(entry.path());
            total -= entry.size();
        }
    }

    /** The user's secret, made now if there is none. */
    /**
     * This user's secret, made on first use. Two first runs at once must end with one secret, or an
     * entry one of them signed would fail its MAC forever after: the file is published by a hard link,
     * which fails if another run published first, and then that run's secret is the one.
     */
    private byte[] secret() throws IOException {
        boolean damaged = false;
        try {
            byte[] secret = Files.readAllBytes(keyFile);
            if (secret.length == SECRET_BYTES) {
                return secret;
            }
            damaged = true;
        } catch (NoSuchFileException e) {
            // the first entry of this user
        }
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        Path parent = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary;
        try {
            temporary = Files.createTempFile(parent, ".seal-cache-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            temporary = Files.createTempFile(parent, ".seal-cache-key", ".tmp");
        }
        try {
            Files.write(temporary, secret);
            if (damaged) {
                Files.move(temporary, keyFile, StandardCopyOption.REPLACE_EXISTING);
                return secret;
            }
            try {
                Files.createLink(keyFile, temporary);
                return secret;
            } catch (FileAlreadyExistsException another) {
                return secret();
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temporary, keyFile); // fails if another run's secret is already there
                return secret;
            }
        } catch (FileAlreadyExistsException another) {
            return secret();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The key of a program: what its sealed form depends on, or null if this SingJ's code cannot be told apart. */
    private static String key(String programDigest, String name, String mainClassOverride) {
        String toolchain = Toolchain.FINGERPRINT;
        if (toolchain == null) {
            return null;
        }
        String text = String.join("\n", toolchain, programDigest, name, mainClassOverride == null ? "" : mainClassOverride);
        return Digests.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(byte[] secret, String key, byte[] jar) {
        return Digests.hmacSha256(secret, (key + "\n").getBytes(StandardCharsets.US_ASCII), jar);
    }

    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // an entry this user cannot touch is only dropped sooner
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int indexOf(byte[] bytes, byte b, int limit) {
        for (int i = 0; i < Math.min(bytes.length, limit + 1); i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What a sealed form depends on besides the program: the code of this SingJ's installer, SIP
     * runtime and kernel (where each was loaded from, its size and time, or for a directory of
     * classes its newest file), and this JDK. Null if a location cannot be read.
     */
    private static final class Toolchain {
        static final String FINGERPRINT = fingerprint();

        private static String fingerprint() {
            StringBuilder text = new StringBuilder()
                    .append(Runtime.version()).append(' ').append(System.getProperty("java.vm.vendor"))
                    .append(' ').append(System.getProperty("java.home"));
            for (Class<?> part : List.of(Installer.class, SipGlue.class, SealedProgram.class)) {
                CodeSource source = part.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    return null;
                }
                try {
                    Path location = Path.of(source.getLocation().toURI());
                    text.append('\n').append(location).append(' ').append(stamp(location));
                } catch (URISyntaxException | IllegalArgumentException | IOException e) {
                    return null;
                }
            }
            return text.toString();
        }

        private static String stamp(Path location) throws IOException {
            if (!Files.isDirectory(location)) {
                return Files.size(location) + " " + Files.getLastModifiedTime(location).toMillis();
            }
            try (Stream<Path> files = Files.walk(location)) {
                long[] countAndNewest = new long[2];
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    countAndNewest[0]++;
                    countAndNewest[1] = Math.max(countAndNewest[1], Files.getLastModifiedTime(file).toMillis());
                }
                return countAndNewest[0] + " files, newest " + countAndNewest[1];
            }
        }
    }
}
