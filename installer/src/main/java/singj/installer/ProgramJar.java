package singj.installer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

/**
 * A program as it arrives: the class files of a jar and its main class, with the classes of the
 * library jars its manifest's {@code Class-Path} names (a fat jar simply holds them). Reading it
 * checks only that the jars are well-formed; the rules come later, to library classes as to the
 * program's own.
 *
 * @param source where it was read from
 * @param mainClass binary name of the main class
 * @param classes class file bytes by binary name, in jar order, then the libraries' in class path order
 * @param digest SHA-256 of the jar file, hex; with libraries, of the jars' digests together
 * @param attributes the {@code SingJ-*} attributes of its manifest (see {@link ManifestAttributes})
 * @param libraryClasses the binary names of the classes that came from the libraries on its
 *     {@code Class-Path}: where a use of a refused member is refused when it is reached, not at install
 * @param resources the jar's other entries by name ({@code data/words.txt}), then its libraries'
 *     (the first of a name wins, as on the JVM's class path): what {@code getResource} and
 *     {@code ResourceBundle.getBundle} read (see {@link #isResource} for what is left out); a
 *     service configuration file ({@code META-INF/services/NAME}) is every jar's of that name one
 *     after the other, as a fat jar's build merges them, since {@code ServiceLoader} reads them all
 */
public record ProgramJar(Path source, String mainClass, Map<String, byte[]> classes, String digest,
                         Map<String, String> attributes, Set<String> libraryClasses, Map<String, byte[]> resources) {
    public ProgramJar {
        attributes = Map.copyOf(attributes);
        libraryClasses = Set.copyOf(libraryClasses);
        resources = Map.copyOf(resources);
    }

    /** A jar without resources. */
    public ProgramJar(Path source, String mainClass, Map<String, byte[]> classes, String digest,
                      Map<String, String> attributes, Set<String> libraryClasses) {
        this(source, mainClass, classes, digest, attributes, libraryClasses, Map.of());
    }

    /** A jar without libraries. */
    public ProgramJar(Path source, String mainClass, Map<String, byte[]> classes, String digest,
                      Map<String, String> attributes) {
        this(source, mainClass, classes, digest, attributes, Set.of());
    }

    /** A jar without libraries whose manifest has no {@code SingJ-*} attributes. */
    public ProgramJar(Path source, String mainClass, Map<String, byte[]> classes, String digest) {
        this(source, mainClass, classes, digest, Map.of());
    }

    /** Largest class file accepted: the JVM's own limits make real ones far smaller. */
    static final long MAX_CLASS_BYTES = 16 * 1024 * 1024;
    /** Largest sum of the resources carried into the sealed program, which every SIP of it shares in memory. */
    static final long MAX_RESOURCE_BYTES = 64 * 1024 * 1024;

    public static ProgramJar read(Path jar) {
        return read(jar, null);
    }

    /** Reads {@code jar}; {@code mainClassOverride}, if given, replaces the manifest's Main-Class. */
    public static ProgramJar read(Path jar, String mainClassOverride) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        String[] mainClass = new String[1];
        Map<String, String> attributes = new LinkedHashMap<>();
        Set<String> libraryClasses = new HashSet<>();
        Map<String, byte[]> resources = new LinkedHashMap<>();
        String digest = walk(jar, (path, file, library) -> {
            readResources(path, file, resources);
            if (!library) {
                readClasses(jar, file, classes);
                mainClass[0] = mainClassOverride != null ? mainClassOverride : mainClassOf(jar, file.getManifest());
                if (classes.isEmpty()) {
                    throw new InstallException(jar + ": contains no class files");
                }
                if (!classes.containsKey(mainClass[0])) {
                    throw new InstallException(jar + ": main class " + mainClass[0] + " (from the manifest) is not in the jar");
                }
                attributes.putAll(singjAttributes(file.getManifest()));
            } else {
                // a class already there wins, as the first on the JVM's class path does
                Map<String, byte[]> own = new LinkedHashMap<>();
                readClasses(path, file, own);
                own.forEach((name, bytes) -> {
                    if (classes.putIfAbsent(name, bytes) == null) {
                        libraryClasses.add(name);
                    }
                });
            }
        });
        return new ProgramJar(jar, mainClass[0], classes, digest, attributes, libraryClasses, resources);
    }

    /**
     * The {@link #digest} that {@link #read} gives {@code jar}, without reading its classes: what a
     * sealed copy of it is found by. Reads the manifests of the jar and of its libraries.
     */
    public static String digestOf(Path jar) {
        return walk(jar, (path, file, library) -> {});
    }

    /** What {@link #walk} does with each jar, the program's first, then its libraries in class path order. */
    private interface JarVisitor {
        void visit(Path path, JarFile file, boolean library) throws IOException;
    }

    /**
     * Visits {@code jar} and the jars its manifest's {@code Class-Path} names (relative to its
     * directory, as the JVM reads them), and the jars those name; returns the SHA-256 of the jar
     * file, or with libraries, of the jars' digests together.
     */
    private static String walk(Path jar, JarVisitor visitor) {
        if (!Files.exists(jar)) {
            throw new InstallException(jar + ": no such file");
        }
        if (Files.isDirectory(jar)) {
            throw new InstallException(jar + ": is a directory, not a jar");
        }
        List<String> digests = new ArrayList<>();
        try {
            digests.add(Digests.sha256(Files.readAllBytes(jar)));
        } catch (NoSuchFileException e) {
            throw new InstallException(jar + ": no such file");
        } catch (IOException e) {
            throw new InstallException(jar + ": cannot read: " + e.getMessage(), e);
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            visitor.visit(jar, file, false);
            walkLibraries(jar, file.getManifest(), visitor, digests, new HashSet<>(Set.of(jar.toAbsolutePath().normalize())));
        } catch (ZipException e) {
            throw new InstallException(jar + ": not a jar (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InstallException(jar + ": cannot read: " + e.getMessage(), e);
        } catch (SecurityException e) {
            throw new InstallException(jar + ": bad signature: " + e.getMessage(), e);
        }
        return digests.size() == 1 ? digests.getFirst()
                : Digests.sha256(String.join(" ", digests).getBytes(StandardCharsets.US_ASCII));
    }

    private static void walkLibraries(Path jar, Manifest manifest, JarVisitor visitor, List<String> digests,
                                      Set<Path> seen) throws IOException {
        String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath == null || classPath.isBlank()) {
            return;
        }
        Path directory = jar.toAbsolutePath().getParent();
        for (String entry : classPath.strip().split("\\s+")) {
            Path library;
            try {
                library = directory.resolve(URLDecoder.decode(entry, StandardCharsets.UTF_8)).normalize();
            } catch (InvalidPathException e) {
                throw new InstallException(jar + ": Class-Path entry " + entry + " is not a file name: " + e.getReason());
            }
            if (!seen.add(library)) {
                continue;
            }
            if (Files.isDirectory(library)) {
                throw new InstallException(jar + ": Class-Path entry " + entry + " is a directory; SingJ takes jars only");
            }
            if (!Files.isRegularFile(library)) {
                throw new InstallException(jar + ": Class-Path entry " + entry + ": no such file (" + library + ")");
            }
            digests.add(Digests.sha256(Files.readAllBytes(library)));
            try (JarFile file = new JarFile(library.toFile(), false)) {
                visitor.visit(library, file, true);
                walkLibraries(library, file.getManifest(), visitor, digests, seen);
            } catch (ZipException e) {
                throw new InstallException(jar + ": Class-Path entry " + entry + " is not a jar (" + e.getMessage() + ")", e);
            }
        }
    }

    /** The class files of {@code file}, by binary name, in jar order. */
    private static void readClasses(Path jar, JarFile file, Map<String, byte[]> classes) throws IOException {
        Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/")
                        || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
                    continue;
                }
                if (entry.getSize() > MAX_CLASS_BYTES) {
                    throw new InstallException(jar + ": entry " + name + " is larger than "
                            + MAX_CLASS_BYTES / (1024 * 1024) + " MiB");
                }
                try (InputStream in = file.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes((int) MAX_CLASS_BYTES + 1);
                    if (bytes.length > MAX_CLASS_BYTES) {
                        throw new InstallException(jar + ": entry " + name + " is larger than it says");
                    }
                    String binaryName = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    classes.put(binaryName, bytes);
                } catch (ZipException e) {
                    throw new InstallException(jar + ": entry " + name + " is corrupt: " + e.getMessage(), e);
                }
            }
    }

    /**
     * Whether a jar entry is a resource of the program: any file but a class, the manifest and
     * signatures (they describe the jar, not the program; {@code getResource("META-INF/MANIFEST.MF")}
     * would give each library's own under {@code java}, in an order a program cannot rely on).
     */
    static boolean isResource(String name) {
        if (name.endsWith("/") || name.endsWith(".class")) {
            return false;
        }
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return !upper.equals("META-INF/MANIFEST.MF") && !upper.equals("META-INF/INDEX.LIST")
                && !(upper.startsWith("META-INF/") && upper.indexOf('/', 9) < 0
                     && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")));
    }

    /** Where {@code ServiceLoader} reads the providers of a service, by the service's binary name. */
    static final String SERVICES = "META-INF/services/";

    /**
     * The class names the service configuration files list (binary names, each once): what
     * {@code ServiceLoader} may instantiate by name. Read as {@code ServiceLoader} reads them
     * ({@code #} starts a comment); a line it would refuse names nothing here.
     */
    public Set<String> serviceProviders() {
        Set<String> names = new java.util.LinkedHashSet<>();
        resources.forEach((name, bytes) -> {
            if (name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
                for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                    int comment = line.indexOf('#');
                    String provider = (comment >= 0 ? line.substring(0, comment) : line).strip();
                    if (!provider.isEmpty() && provider.chars().noneMatch(Character::isWhitespace)) {
                        names.add(provider);
                    }
                }
            }
        });
        return names;
    }

    /**
     * The resources of {@code file} not already there (an earlier jar's of the same name wins),
     * but a service configuration file, which is added after the earlier ones of its name.
     */
    private static void readResources(Path jar, JarFile file, Map<String, byte[]> resources) throws IOException {
        long total = resources.values().stream().mapToLong(bytes -> bytes.length).sum();
        Enumeration<? extends ZipEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            boolean service = name.startsWith(SERVICES);
            if (entry.isDirectory() || !isResource(name) || (resources.containsKey(name) && !service)) {
                continue;
            }
            try (InputStream in = file.getInputStream(entry)) {
                byte[] bytes = in.readNBytes((int) Math.min(MAX_RESOURCE_BYTES - total + 1, MAX_CLASS_BYTES + 1));
                total += bytes.length;
                if (total > MAX_RESOURCE_BYTES || bytes.length > MAX_CLASS_BYTES) {
                    throw new InstallException(jar + ": its resources (files other than classes) come to more than "
                            + MAX_RESOURCE_BYTES / (1024 * 1024) + " MiB with " + name + ", more than a sealed program carries");
                }
                resources.merge(name, bytes, ProgramJar::lines);
            } catch (ZipException e) {
                throw new InstallException(jar + ": entry " + name + " is corrupt: " + e.getMessage(), e);
            }
        }
    }

    /** {@code first} then {@code then}, on a line of its own. */
    private static byte[] lines(byte[] first, byte[] then) {
        boolean ended = first.length == 0 || first[first.length - 1] == '\n';
        byte[] both = java.util.Arrays.copyOf(first, first.length + (ended ? 0 : 1) + then.length);
        if (!ended) {
            both[first.length] = '\n';
        }
        System.arraycopy(then, 0, both, both.length - then.length, then.length);
        return both;
    }

    private static Map<String, String> singjAttributes(Manifest manifest) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (manifest != null) {
            manifest.getMainAttributes().forEach((key, value) -> {
                if (key.toString().regionMatches(true, 0, "SingJ-", 0, 6)) {
                    attributes.put(key.toString(), value.toString());
                }
            });
        }
        return attributes;
    }

    private static String mainClassOf(Path jar, Manifest manifest) {
        String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        if (main == null || main.isBlank()) {
            throw new InstallException(jar + ": no Main-Class in META-INF/MANIFEST.MF (build the jar with a main class, "
                    + "or name one with --main)");
        }
        return main.strip();
    }

    /** A name to install under when none is given: the jar's file name without {@code .jar}. */
    public String defaultName() {
        return defaultName(source);
    }

    /** The name a program read from {@code jar} is installed under when none is given. */
    public static String defaultName(Path jar) {
        String file = jar.getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }
}
