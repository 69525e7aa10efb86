package singj.installer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import singj.kernel.ProgramManifest;
import singj.kernel.SealedProgram;
import singj.kernel.ipc.Grants;

/**
 * How a sealed program is kept on disk, in the system image and in the seal cache alike: its
 * classes as a jar, and what the kernel needs besides (main class, quota, contracts, grants asked,
 * endpoints, devices) as properties.
 */
final class SealedForm {
    private SealedForm() {}

    /** Writes what {@link #program} reads back into {@code meta}. */
    static void describe(SealedProgram program, Properties meta) {
        meta.setProperty("name", program.name());
        meta.setProperty("main-class", program.mainClass());
        meta.setProperty("classes", Integer.toString(program.classes().size()));
        meta.setProperty("memory-quota", Long.toString(program.memoryQuota()));
        ProgramManifest manifest = program.manifest();
        meta.setProperty("contracts", String.join(" ", new TreeSet<>(manifest.contracts())));
        meta.setProperty("registers", String.join(" ", manifest.grants().registers()));
        meta.setProperty("opens", String.join(" ", manifest.grants().opens()));
        meta.setProperty("exchange-quota", Long.toString(manifest.exchangeQuota()));
        meta.setProperty("endpoints", String.join(" ", manifest.endpoints().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()));
        meta.setProperty("devices", String.join(" ", new TreeSet<>(manifest.devices())));
        meta.setProperty("isolation", manifest.isolation().name());
    }

    /** Where the program's resources are kept in its sealed jar: apart from its classes and from what describes it. */
    private static final String RESOURCES = "singj-resources/";

    /**
     * The program {@code meta} describes, with {@code classes} and the resources among
     * {@code others} (the sealed jar's other entries, {@link #classes}).
     *
     * @throws IllegalArgumentException if {@code meta} does not describe a program of these classes
     */
    static SealedProgram program(String name, Properties meta, Map<String, byte[]> classes, Map<String, byte[]> others) {
        ProgramManifest manifest = new ProgramManifest(Set.copyOf(words(meta.getProperty("contracts", ""))),
                new Grants(words(meta.getProperty("registers", "")), words(meta.getProperty("opens", ""))),
                Long.parseLong(meta.getProperty("exchange-quota", "0")),
                words(meta.getProperty("endpoints", "")).stream().map(w -> w.split("=", 2))
                        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1])),
                Set.copyOf(words(meta.getProperty("devices", ""))),
                ProgramManifest.Isolation.valueOf(meta.getProperty("isolation", ProgramManifest.Isolation.UNSAID.name())));
        Map<String, byte[]> resources = new LinkedHashMap<>();
        others.forEach((entry, bytes) -> {
            if (entry.startsWith(RESOURCES)) {
                resources.put(entry.substring(RESOURCES.length()), bytes);
            }
        });
        return new SealedProgram(name, meta.getProperty("main-class", ""), classes,
                Long.parseLong(meta.getProperty("memory-quota", "0")), manifest, resources);
    }

    /**
     * The program's classes and resources as a jar; {@code extra} entries (name to bytes) first.
     * The same program gives the same bytes.
     */
    static byte[] jar(SealedProgram program, Map<String, byte[]> extra) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var entry : extra.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
            for (var entry : new java.util.TreeMap<>(program.resources()).entrySet()) {
                put(zip, RESOURCES + entry.getKey(), entry.getValue());
            }
            for (var entry : program.classes().entrySet()) {
                put(zip, entry.getKey().replace('.', '/') + ".class", entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry zipEntry = new ZipEntry(name);
        zipEntry.setTime(0); // the same program seals to the same bytes
        zip.putNextEntry(zipEntry);
        zip.write(content);
        zip.closeEntry();
    }

    /** The class files of a jar by binary name; its other entries go to {@code others} by name. */
    static Map<String, byte[]> classes(byte[] jar, Map<String, byte[]> others) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - 6).replace('/', '.'), zip.readAllBytes());
                } else {
                    others.put(name, zip.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
