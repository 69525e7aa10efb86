package singj.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

/**
 * A program as it arrives: the class files of a jar and its main class. Reading it checks only
 * that it is a well-formed jar; the rules come later.
 *
 * @param source where it was read from
 * @param mainClass binary name of the main class
 * @param classes class file bytes by binary name, in jar order
 * @param digest SHA-256 of the jar file, hex
 * @param attributes the {@code SingJ-*} attributes of its manifest (see {@link ManifestAttributes})
 */
public record ProgramJar(Path source, String mainClass, Map<String, byte[]> classes, String digest,
                         Map<String, String> attributes) {
    public ProgramJar {
        attributes = Map.copyOf(attributes);
    }

    /** A jar whose manifest has no {@code SingJ-*} attributes. */
    public ProgramJar(Path source, String mainClass, Map<String, byte[]> classes, String digest) {
        this(source, mainClass, classes, digest, Map.of());
    }

    /** Largest class file accepted: the JVM's own limits make real ones far smaller. */
    static final long MAX_CLASS_BYTES = 16 * 1024 * 1024;

    public static ProgramJar read(Path jar) {
        return read(jar, null);
    }

    /** Reads {@code jar}; {@code mainClassOverride}, if given, replaces the manifest's Main-Class. */
    public static ProgramJar read(Path jar, String mainClassOverride) {
        if (!Files.exists(jar)) {
            throw new InstallException(jar + ": no such file");
        }
        if (Files.isDirectory(jar)) {
            throw new InstallException(jar + ": is a directory, not a jar");
        }
        String digest;
        try {
            digest = Digests.sha256(Files.readAllBytes(jar));
        } catch (NoSuchFileException e) {
            throw new InstallException(jar + ": no such file");
        } catch (IOException e) {
            throw new InstallException(jar + ": cannot read: " + e.getMessage(), e);
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Map<String, byte[]> classes = new LinkedHashMap<>();
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
            String mainClass = mainClassOverride != null ? mainClassOverride : mainClassOf(jar, file.getManifest());
            if (classes.isEmpty()) {
                throw new InstallException(jar + ": contains no class files");
            }
            if (!classes.containsKey(mainClass)) {
                throw new InstallException(jar + ": main class " + mainClass + " (from the manifest) is not in the jar");
            }
            return new ProgramJar(jar, mainClass, classes, digest, singjAttributes(file.getManifest()));
        } catch (ZipException e) {
            throw new InstallException(jar + ": not a jar (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InstallException(jar + ": cannot read: " + e.getMessage(), e);
        } catch (SecurityException e) {
            throw new InstallException(jar + ": bad signature: " + e.getMessage(), e);
        }
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
        String file = source.getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }
}
