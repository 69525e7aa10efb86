package singj.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles test programs from source and packs them into runnable jars, as a user would with javac and jar. */
public final class ProgramCompiler {
    private ProgramCompiler() {}

    /**
     * Compiles the single-file program {@code resource} (for example {@code corpus/ordinary/Records.java})
     * into {@code workDir/NAME.jar} with {@code Main-Class: NAME}, NAME being the file's base name.
     */
    public static Path compileResource(String resource, Path workDir) {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        String mainClass = file.substring(0, file.length() - ".java".length());
        try (InputStream in = ProgramCompiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return compile(mainClass, Map.of(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base names of the {@code .java} files in a resource directory such as {@code corpus/ordinary}. */
    public static List<String> listResources(String directory) {
        try {
            Path dir = Path.of(ProgramCompiler.class.getClassLoader().getResource(directory).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted()
                        .map(n -> directory + "/" + n).toList();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list test resources in " + directory, e);
        }
    }

    /** Compiles {@code sources} (file name to text) and packs the classes into {@code workDir/MAIN.jar}. */
    public static Path compile(String mainClass, Map<String, String> sources, Path workDir) {
        return compile(mainClass, sources, workDir, Map.of());
    }

    /** The same, with extra manifest attributes ({@code SingJ-Opens} and the like). */
    public static Path compile(String mainClass, Map<String, String> sources, Path workDir, Map<String, String> attributes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try {
            Path classes = Files.createDirectories(workDir.resolve(mainClass + "-classes"));
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, text) -> units.add(new Source(name, text)));
            var diagnostics = new DiagnosticCollector<JavaFileObject>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                boolean ok = javac.getTask(null, files, diagnostics,
                        List.of("-d", classes.toString(), "-proc:none", "-Xlint:none", "-nowarn"), null, units).call();
                if (!ok) {
                    throw new IllegalStateException("test program " + mainClass + " does not compile: " + diagnostics.getDiagnostics());
                }
            }
            Map<String, byte[]> classFiles = new LinkedHashMap<>();
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String entry = classes.relativize(p).toString().replace('\\', '/');
                    classFiles.put(entry.substring(0, entry.length() - ".class".length()), Files.readAllBytes(p));
                }
            }
            return jar(mainClass, classFiles, workDir.resolve(mainClass + ".jar"), attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs class files (internal name to bytes) into a jar with {@code Main-Class: mainClass}. */
    public static Path jar(String mainClass, Map<String, byte[]> classFiles, Path jar) {
        return jar(mainClass, classFiles, jar, Map.of());
    }

    /** The same, with extra manifest attributes. */
    public static Path jar(String mainClass, Map<String, byte[]> classFiles, Path jar, Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((key, value) -> manifest.getMainAttributes().put(new Attributes.Name(key), value));
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file, manifest)) {
            for (var entry : classFiles.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey() + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String fileName, String text) {
            super(URI.create("string:///" + fileName), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
