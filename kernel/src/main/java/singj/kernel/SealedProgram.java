package singj.kernel;

import java.util.Map;
import java.util.Objects;

/**
 * An installed program in the form the kernel runs: its sealed classes, already verified and
 * rewritten by the installer. The kernel never verifies again; it trusts whoever built this
 * (the installer, reading the system image) to have checked it.
 *
 * @param name the name it was installed under
 * @param mainClass binary name of the class whose {@code main} starts a SIP
 * @param classes class bytes by binary name ({@code com.example.Main}), the manifest's contracts among them
 * @param memoryQuota heap quota in bytes for its SIPs, or 0 for the kernel's default
 * @param manifest its contracts, grants and exchange quota
 * @param resources the files of its jar and libraries other than classes, by name
 *     ({@code data/words.txt}): what its {@code getResource} and {@code ResourceBundle.getBundle} read,
 *     and all they read
 */
public record SealedProgram(String name, String mainClass, Map<String, byte[]> classes, long memoryQuota,
                            ProgramManifest manifest, Map<String, byte[]> resources) {
    public SealedProgram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(manifest, "manifest");
        classes = Map.copyOf(classes);
        resources = Map.copyOf(resources);
        if (!classes.containsKey(mainClass)) {
            throw new IllegalArgumentException("program " + name + " has no class " + mainClass);
        }
        for (String contract : manifest.contracts()) {
            if (!classes.containsKey(contract)) {
                throw new IllegalArgumentException("program " + name + " declares contract class " + contract + " but has none");
            }
        }
    }

    /** A program without resources. */
    public SealedProgram(String name, String mainClass, Map<String, byte[]> classes, long memoryQuota,
                         ProgramManifest manifest) {
        this(name, mainClass, classes, memoryQuota, manifest, Map.of());
    }

    /** A program that declares no contracts and no names. */
    public SealedProgram(String name, String mainClass, Map<String, byte[]> classes, long memoryQuota) {
        this(name, mainClass, classes, memoryQuota, ProgramManifest.NONE);
    }
}
