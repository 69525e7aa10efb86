package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.VerificationReport;

/**
 * Real libraries from Maven Central (test dependencies of this module, fetched by the build and
 * copied beside each program as its {@code Class-Path}, as a user ships them) install and print
 * what {@code java} prints, with the same exit code: gson data binding, jsoup, guava,
 * commons-math3, fastutil and Jackson ({@code corpus/compat}), with records, and the program's own
 * resources and bundles. The programs of {@code corpus/compat-hostile} try the
 * doors these libraries needed opened, and must find them shut.
 */
class LibraryCompatibilityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    /** The library jars each program brings: a class of each jar, found on this test's class path. */
    private static final Map<String, List<Class<?>>> LIBRARIES = Map.of(
            "GsonBinding", List.of(com.google.gson.Gson.class),
            "GsonRecords", List.of(com.google.gson.Gson.class),
            "JsoupSelect", List.of(org.jsoup.Jsoup.class),
            "GuavaTour", List.of(com.google.common.collect.ImmutableList.class,
                    com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
            "GuavaFutures", List.of(com.google.common.collect.ImmutableList.class,
                    com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
            "MathStats", List.of(org.apache.commons.math3.util.FastMath.class),
            "FastutilMaps", List.of(it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap.class),
            "JacksonBinding", List.of(com.fasterxml.jackson.databind.ObjectMapper.class,
                    com.fasterxml.jackson.core.JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class));

    static Stream<Arguments> programs() {
        return Stream.of("GsonBinding", "GsonRecords", "JsoupSelect", "GuavaTour", "GuavaFutures", "MathStats", "FastutilMaps",
                "JacksonBinding", "OwnReflection", "OwnLogging", "OwnVarHandles").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void installsAndPrintsWhatJavaPrints(String program) throws Exception {
        Path jar = compile("compat", program, Map.of());
        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        assertEquals(0, java.exitCode(), java.err());
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(java.exitCode(), singj.exitCode(), singj.err());
        if (program.equals("OwnLogging")) { // the root's handler writes SimpleFormatter's two lines, the first a time
            assertTrue(java.err().endsWith("INFO: to standard error, through the root's handler\n"), java.err());
            assertTrue(singj.err().endsWith("INFO: to standard error, through the root's handler\n"), singj.err());
            assertEquals(java.err().lines().count(), singj.err().lines().count(), singj.err());
        }
    }

    @Test
    void libraryCornersTheProgramNeverRunsAreRefusedWhereTheyAreReached() throws Exception {
        VerificationReport report = Installer.standard().verify(ProgramJar.read(compile("compat", "GsonBinding", Map.of())));
        assertTrue(report.passed(), String.join("\n", report.rejectionLines()));
        // gson's adapters for URL and InetAddress, which this program never uses
        assertTrue(report.refusedIfReached().stream().anyMatch(v -> v.rule().equals("host-io")
                && v.message().startsWith("java.net.InetAddress.getByName")), report.refusedIfReachedLines().toString());
        assertTrue(report.refusedIfReached().stream().allMatch(v -> v.className().startsWith("com.google.gson.")
                && v.offset() >= 0), report.refusedIfReachedLines().toString());
        assertTrue(report.summary().endsWith("uses in libraries refused if reached"), report.summary());
    }

    @Test
    void aRefusedUseInALibraryThatIsReachedThrowsNamingRuleAndMember() throws Exception {
        Path jar = compile("compat", "JsoupAbsoluteUrl", Map.of(), """
                public class JsoupAbsoluteUrl {
                    public static void main(String[] args) {
                        var doc = org.jsoup.Jsoup.parse("<a href=/one>One</a>", "http://example.org/");
                        System.out.println(doc.select("a").attr("href"));
                        System.out.println(doc.select("a").attr("abs:href"));
                    }
                }
                """, "JsoupSelect");
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals("/one\n", singj.out(), singj.err());
        assertEquals(1, singj.exitCode());
        assertTrue(singj.err().contains("java.lang.SecurityException: refused by SingJ's installer, reached at run time: "
                + "[host-io] org.jsoup.internal.StringUtil.resolve("), singj.err());
        assertTrue(singj.err().contains("java.net.URL.<init>"), singj.err());
    }

    @Test
    void aMethodReachedOnlyByAComputedNameFailsNamingItUntilTheManifestListsItsClass() throws Exception {
        var dropped = ProcessRunner.singj("", "run", compile("compat", "ReflectsByComputedName", Map.of()).toString());
        assertEquals(1, dropped.exitCode(), dropped.err());
        assertTrue(dropped.err().contains("removed at install") && dropped.err().contains("ReflectsByComputedName$Plugin"),
                dropped.err());

        Path listed = compile("compat", "ReflectsByComputedName", Map.of("SingJ-Reflect", "ReflectsByComputedName$Plugin"));
        var singj = ProcessRunner.singj("", "run", listed.toString());
        assertEquals("hello from the plugin\n", singj.out(), singj.err());
        assertEquals(0, singj.exitCode());
    }

    @Test
    void jacksonsCornersThatReachTheHostAreRefusedWhereReached() throws Exception {
        VerificationReport report = Installer.standard().verify(ProgramJar.read(compile("compat", "JacksonBinding", Map.of())));
        assertTrue(report.passed(), String.join("\n", report.rejectionLines()));
        // java.nio.file.Path (de)serializers: refused where reached; its modules are found by the SIP's own ServiceLoader
        assertTrue(report.refusedIfReached().stream().noneMatch(v -> v.message().startsWith("java.util.ServiceLoader")),
                report.refusedIfReachedLines().toString());
        assertTrue(report.refusedIfReached().stream().anyMatch(v -> v.message().startsWith("java.nio.file.Paths.get")),
                report.refusedIfReachedLines().toString());
    }

    /** The files OwnResources reads, added to its jar as a build tool adds src/main/resources. */
    private static final Map<String, String> OWN_RESOURCES = Map.of(
            "greeting.txt", "hello from the jar",
            "data/words.txt", "alpha beta gamma",
            "app.properties", "name=demo\nversion=1.2\n",
            "Messages.properties", "hello=Hello\nbye=Goodbye\n",
            "Messages_fr.properties", "hello=Bonjour\n");

    @Test
    void resourcesOfItsOwnJarReadAsUnderJava() throws Exception {
        Path jar = withEntries(compile("compat", "OwnResources", Map.of()), OWN_RESOURCES);
        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        assertEquals(0, java.exitCode(), java.err());
        assertTrue(java.out().contains("french bundle, its parent for the rest: Bonjour, Goodbye (fr)"), java.out());
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(0, singj.exitCode(), singj.err());
    }

    @Test
    void aLibraryReadsItsOwnMessageBundles() throws Exception {
        Path jar = compile("compat", "MathMessages", Map.of(), """
                import java.util.Locale;
                import org.apache.commons.math3.exception.util.LocalizedFormats;
                public class MathMessages {
                    public static void main(String[] args) {
                        System.out.println(LocalizedFormats.DIMENSIONS_MISMATCH.getLocalizedString(Locale.FRENCH));
                        System.out.println(LocalizedFormats.DIMENSIONS_MISMATCH.getLocalizedString(Locale.ENGLISH));
                    }
                }
                """, "MathStats");
        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        assertEquals("dimensions incohérentes\ndimensions mismatch\n", java.out(), java.err());
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(0, singj.exitCode(), singj.err());
    }

    /** OwnServices's configuration files; its library brings its own, for the greeter it moves there. */
    private static final Map<String, String> OWN_SERVICES = Map.of(
            "META-INF/services/OwnServices$Greeter", """
                    # the program's greeters
                    OwnServices$English
                    OwnServices$French   # a comment after a name

                    OwnServices$English
                    """,
            "META-INF/services/OwnServices$Broken", """
                    OwnServices$NoDefaultConstructor
                    missing.Nope
                    OwnServices$Failing
                    OwnServices$NotABroken
                    """);

    @Test
    void servicesOfItsJarAndItsLibrariesLoadAsUnderJava() throws Exception {
        Path jar = withEntries(compile("compat", "OwnServices", Map.of("Class-Path", "lib/plugins.jar")), OWN_SERVICES);
        intoLibrary(jar, "OwnServices$Shouting", "plugins.jar",
                Map.of("META-INF/services/OwnServices$Greeter", "OwnServices$Shouting\n"));
        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        assertEquals(0, java.exitCode(), java.err());
        assertTrue(java.out().contains("stream: [English, French, Shouting]"), java.out());
        assertTrue(java.out().contains("OwnServices$Failing could not be instantiated (IllegalStateException: cannot start)"),
                java.out());
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(0, singj.exitCode(), singj.err());
    }

    // ---- the doors, from the attacker's side ------------------------------------------------

    /** What LoadsOthersProviders's jar lists: a class outside its program for each service, and one of its own. */
    private static final Map<String, String> OTHERS_PROVIDERS = Map.of(
            "META-INF/services/LoadsOthersProviders$Kernel", "singj.kernel.proc.SipLoader\n",
            "META-INF/services/LoadsOthersProviders$Runtime", "singj.abi.runtime.SipCalls\n",
            "META-INF/services/LoadsOthersProviders$Abi", "singj.abi.Sip\n",
            "META-INF/services/LoadsOthersProviders$OtherProgram", "OwnServices$English\n",
            "META-INF/services/LoadsOthersProviders$Jdk", "java.util.ArrayList\n",
            "META-INF/services/LoadsOthersProviders$Threads", "LoadsOthersProviders$ThreadPlugin\n",
            "META-INF/services/LoadsOthersProviders$Climbs", "../../../etc/passwd\n",
            "META-INF/services/java.nio.file.spi.FileSystemProvider", "jdk.nio.zipfs.ZipFileSystemProvider\n",
            "META-INF/services/java.nio.charset.spi.CharsetProvider", "sun.nio.cs.ext.ExtendedCharsets\n",
            "META-INF/services/LoadsOthersProviders$Mine", "LoadsOthersProviders$OwnPlugin\n");

    @Test
    void serviceLoadingInstantiatesOnlyTheProgramsOwnProviders() throws Exception {
        Path jar = withEntries(compile("compat-hostile", "LoadsOthersProviders", Map.of()), OTHERS_PROVIDERS);
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, singj.exitCode(), singj.out() + singj.err());
        assertFalse(singj.out().contains("OPEN"), singj.out());
        assertTrue(singj.out().contains("refused a kernel class: LoadsOthersProviders$Kernel: Provider singj.kernel.proc.SipLoader "
                + "not found"), singj.out());
        assertTrue(singj.out().contains("refused the ABI's class: LoadsOthersProviders$Abi: Provider singj.abi.Sip not found"),
                singj.out());
        assertTrue(singj.out().contains("refused a thread: LoadsOthersProviders$Threads: Provider "
                + "LoadsOthersProviders$ThreadPlugin could not be instantiated"), singj.out());
        assertTrue(singj.out().contains("refused a name out of the table: LoadsOthersProviders$Climbs: singj-resource:/"
                + "META-INF/services/LoadsOthersProviders$Climbs:1: Illegal provider-class name: ../../../etc/passwd"), singj.out());
        assertTrue(singj.out().contains("finds nothing the JDK's file system providers"), singj.out());
        assertTrue(singj.out().contains("finds nothing the JDK's random generators"), singj.out());
        assertEquals(6, singj.out().lines().filter(line -> line.startsWith("finds nothing ")).count(), singj.out());
        assertEquals(6, singj.out().lines().filter(line -> line.startsWith("refused ")).count(), singj.out());
        assertTrue(singj.out().endsWith("own provider still found: OwnPlugin\n"), singj.out());
    }

    @Test
    void varHandlesReachOnlyTheProgramsOwnFieldsAndItsLookupFindsNothingElse() throws Exception {
        var singj = ProcessRunner.singj("", "run", compile("compat-hostile", "VarHandlesOnOthersFields", Map.of()).toString());
        assertEquals(0, singj.exitCode(), singj.out() + singj.err()); // not 42: System.exit never ran
        assertFalse(singj.out().contains("OPEN"), singj.out());
        assertTrue(singj.out().contains("refused a JDK class's private field: SecurityException"), singj.out());
        assertTrue(singj.out().contains("refused a field its subclass inherits from the JDK: SecurityException"), singj.out());
        assertTrue(singj.out().contains("refused its own handle on a JDK object: ClassCastException"), singj.out());
        assertTrue(singj.out().contains("refused System.exit through a dynamic constant: BootstrapMethodError"), singj.out());
        assertTrue(singj.out().contains("refused Runtime.halt as a handle: IllegalAccessException"), singj.out());
        assertTrue(singj.out().contains("refused its own copy of the runtime's kill switch: SecurityException"), singj.out());
        assertEquals(11, singj.out().lines().filter(line -> line.startsWith("refused ")).count(), singj.out());
        assertTrue(singj.out().endsWith("victims unchanged: victim false\nown field still open: 5\n"), singj.out());
    }


    @Test
    void resourcesReachNothingOutsideTheJar() throws Exception {
        Path jar = withEntries(compile("compat-hostile", "ReadsOutsideItsJar", Map.of()), Map.of("secret.txt", "mine"));
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, singj.exitCode(), singj.out() + singj.err());
        assertTrue(singj.out().endsWith("OPEN own secret: mine\n"), singj.out());
        assertEquals(1, singj.out().lines().filter(line -> line.startsWith("OPEN ")).count(), singj.out());
        assertEquals(18, singj.out().lines().filter(line -> line.startsWith("finds nothing ")
                || line.startsWith("refused ")).count(), singj.out());
        assertTrue(singj.out().contains("refused a JDK resource bundle: MissingResourceException"), singj.out());
        assertTrue(singj.out().contains("finds nothing the JDK's loader: null"), singj.out());
        assertTrue(singj.out().contains("defines classes while its loader is locked: yes"), singj.out());
    }

    @Test
    void reflectionReachesNothingOutsideTheProgram() throws Exception {
        var singj = ProcessRunner.singj("", "run", compile("compat-hostile", "ReflectOnTheJdk", Map.of()).toString());
        assertEquals(0, singj.exitCode(), singj.out() + singj.err());
        assertFalse(singj.out().contains("OPEN"), singj.out());
        assertTrue(singj.out().contains("refused forName of the kernel: ClassNotFoundException"), singj.out());
        assertTrue(singj.out().contains("refused getClass of a JDK object: NoSuchFieldException"), singj.out());
        assertTrue(singj.out().contains("refused a thread's constructor: SecurityException"), singj.out());
        assertTrue(singj.out().contains("refused a type variable's generic method: SecurityException"), singj.out());
        assertTrue(singj.out().contains("sees nothing inherited JDK methods listed: []"), singj.out());
        assertTrue(singj.out().contains("sees nothing declared fields of a JDK class: 0"), singj.out());
        assertTrue(singj.out().endsWith("own field still open: 1\n"), singj.out());
        long contained = singj.out().lines().filter(line -> line.startsWith("refused ") || line.startsWith("sees nothing ")).count();
        assertEquals(19, contained, singj.out());
        assertTrue(singj.out().contains("refused a shared record's accessor through the record support: SecurityException"),
                singj.out());
    }

    @Test
    void fieldUpdatersReachOnlyTheProgramsOwnFields() throws Exception {
        var singj = ProcessRunner.singj("", "run", compile("compat-hostile", "UpdatesOthersFields", Map.of()).toString());
        assertEquals(0, singj.exitCode(), singj.out() + singj.err());
        assertFalse(singj.out().contains("OPEN"), singj.out());
        assertTrue(singj.out().contains("refused a JDK class's int field: SecurityException"), singj.out());
        assertTrue(singj.out().contains("refused the shared ABI's field: SecurityException"), singj.out());
        assertTrue(singj.out().contains("refused its own updater on a JDK object: ClassCastException"), singj.out());
        assertEquals(7, singj.out().lines().filter(line -> line.startsWith("refused ")).count(), singj.out());
        assertTrue(singj.out().endsWith("own fields still open: 1 40 set\n"), singj.out());
    }

    @Test
    void methodHandlesProxiesAndHostLogFilesAreRefusedAtInstall() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("LooksUpTheJdk", "[method-handles]");
        expected.put("ProxiesAnInterface", "[reflection] ProxiesAnInterface.main");
        expected.put("LoggingToAHostFile", "[host-io] LoggingToAHostFile.main");
        expected.put("LoadsThroughItsLoader", "[class-loading] LoadsThroughItsLoader.main");
        for (var entry : expected.entrySet()) {
            var verify = ProcessRunner.singj("", "verify", compile("compat-hostile", entry.getKey(), Map.of()).toString());
            assertEquals(1, verify.exitCode(), entry.getKey() + ": " + verify.out() + verify.err());
            assertTrue(verify.err().contains(entry.getValue()), entry.getKey() + ": " + verify.err());
        }
    }

    @Test
    void aSipReconfiguresOnlyItsOwnLoggers() throws Exception {
        Logger jvmRoot = Logger.getLogger("");
        Level levelBefore = jvmRoot.getLevel();
        int handlersBefore = jvmRoot.getHandlers().length;
        Path jar = compile("compat-hostile", "ReconfiguresJvmLogging", Map.of());
        String expected = """
                root level before INFO, handlers 1
                anonymous logger's parent is the root it silenced: true
                top of its tree is its own root: true
                """;
        for (int run = 0; run < 2; run++) { // the second SIP finds the defaults again: the first changed only its own
            var singj = ProcessRunner.singj("", "run", jar.toString());
            assertEquals(expected, singj.out(), singj.err());
            assertEquals(0, singj.exitCode());
        }
        assertEquals(levelBefore, jvmRoot.getLevel(), "the JVM's root logger keeps its level");
        assertEquals(handlersBefore, jvmRoot.getHandlers().length, "and its handlers");
        assertEquals(null, Logger.getLogger("singj").getLevel(), "a name the SIP silenced is the host's own, untouched");
    }

    /**
     * Moves the classes of {@code jar} whose entries start with {@code classPrefix} into
     * {@code lib/library} beside it, with {@code entries} (name to text): a library on its Class-Path.
     */
    private static void intoLibrary(Path jar, String classPrefix, String library, Map<String, String> entries)
            throws Exception {
        Path copy = jar.resolveSibling("without-library-" + jar.getFileName());
        Path lib = Files.createDirectories(jar.resolveSibling("lib")).resolve(library);
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(jar));
             var out = new java.util.jar.JarOutputStream(Files.newOutputStream(copy), in.getManifest());
             var moved = new java.util.jar.JarOutputStream(Files.newOutputStream(lib))) {
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                var target = entry.getName().startsWith(classPrefix) ? moved : out;
                target.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                in.transferTo(target);
                target.closeEntry();
            }
            for (var entry : new java.util.TreeMap<>(entries).entrySet()) {
                moved.putNextEntry(new java.util.jar.JarEntry(entry.getKey()));
                moved.write(entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                moved.closeEntry();
            }
        }
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code jar} with {@code entries} (name to text) added, as a build adds its resources. */
    private static Path withEntries(Path jar, Map<String, String> entries) throws Exception {
        Path copy = jar.resolveSibling("with-resources-" + jar.getFileName());
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(jar));
             var out = new java.util.jar.JarOutputStream(Files.newOutputStream(copy), in.getManifest())) {
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            for (var entry : new java.util.TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new java.util.jar.JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    /** {@code corpus/DIR/MAIN.java} compiled into {@code MAIN.jar}, its libraries copied into {@code lib/}. */
    private Path compile(String dir, String main, Map<String, String> attributes) throws Exception {
        return compile(dir, main, attributes, CorpusFiles.read("corpus/" + dir + "/" + main + ".java"), main);
    }

    private Path compile(String dir, String main, Map<String, String> attributes, String source, String librariesOf)
            throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib"));
        List<String> classPath = new ArrayList<>();
        for (Class<?> type : LIBRARIES.getOrDefault(librariesOf, List.of())) {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path copy = lib.resolve(jar.getFileName());
            if (!Files.exists(copy)) {
                Files.copy(jar, copy);
            }
            classPath.add("lib/" + jar.getFileName());
        }
        Map<String, String> manifest = new LinkedHashMap<>(attributes);
        if (!classPath.isEmpty()) {
            manifest.put("Class-Path", String.join(" ", classPath));
        }
        return ProgramCompiler.compile(main, Map.of(main + ".java", source), work, manifest);
    }
}
