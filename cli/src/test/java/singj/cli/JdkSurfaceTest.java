package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * Members of allowed JDK packages that the proven surface refuses, judged from outside: the
 * host file a program names is never created, and ordinary uses of the same classes still run.
 */
class JdkSurfaceTest {
    @TempDir
    Path work;

    @Test
    void aFormatterThatWouldOpenAHostFileIsRefusedAndTheFileNeverAppears() {
        Path jar = ProgramCompiler.compileResource("corpus/hostile/FormatterToHostFile.java", work);
        Path target = work.resolve("escaped.txt");
        var run = ProcessRunner.singj("", "run", jar.toString(), target.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("[host-io]") && run.err().contains("java.util.Formatter.<init>"), run.err());
        assertTrue(run.err().contains("FileOutputStream"), "the reason names the way to the sink: " + run.err());
        assertFalse(Files.exists(target), "no host file");
        assertFalse(Files.exists(work.resolve("escaped.txt.2")), "no host file");
    }

    @Test
    void formattersAndWritersOverTheSipsOwnDataStillRun() {
        String source = """
                import java.io.*;
                import java.util.*;
                public class OwnFormatting {
                    public static void main(String[] args) throws IOException {
                        StringWriter text = new StringWriter();
                        try (Formatter f = new Formatter(text, Locale.ROOT); PrintWriter out = new PrintWriter(text)) {
                            f.format("%05.1f|%s", 3.14159, List.of(1, 2));
                            f.flush();
                            out.print("|" + String.format(Locale.ROOT, "%x", 255));
                        }
                        BufferedReader in = new BufferedReader(new StringReader(text.toString()));
                        System.out.println(in.readLine());
                        System.out.println(new String("é".getBytes("UTF-8"), "UTF-8").toUpperCase());
                    }
                }
                """;
        Path jar = ProgramCompiler.compile("OwnFormatting", Map.of("OwnFormatting.java", source), work);
        var run = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("003.1|[1, 2]|ff\nÉ\n", run.out());
    }

    /** JDK singletons are one object for every SIP: a SIP may not signal another through their monitors. */
    @Test
    void theJdksSingletonsCannotBeLockedWaitedOnOrNotified() {
        String source = """
                import java.util.*;
                public class SignalsThroughSingletons {
                    public static void main(String[] args) throws Exception {
                        Object own = new Object();
                        synchronized (own) { own.notifyAll(); }
                        System.out.println("own monitor: fine");
                        Object shared = args[0].equals("runtime") ? Runtime.getRuntime() : Collections.reverseOrder();
                        synchronized (shared) {
                            shared.notifyAll();
                            System.out.println("signalled every SIP");
                        }
                    }
                }
                """;
        Path jar = ProgramCompiler.compile("SignalsThroughSingletons", Map.of("SignalsThroughSingletons.java", source), work);
        for (String which : new String[] {"runtime", "reverse"}) {
            var run = ProcessRunner.singj("", "run", jar.toString(), which);
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("own monitor: fine\n", run.out(), "the synchronized block on the singleton never ran");
            assertTrue(run.err().contains("IllegalMonitorStateException")
                    && run.err().contains(which.equals("runtime") ? "java.lang.Runtime" : "java.util.Collections$ReverseComparator"),
                    run.err());
        }
    }

    /** The JDK keeps every locale it is handed for good: a SIP gets the JVM's available ones, and no other. */
    @Test
    void aSipUsesTheJvmsAvailableLocalesAndCannotMakeItsOwn() {
        String source = """
                import java.util.Locale;
                public class Locales {
                    public static void main(String[] args) {
                        Locale german = Locale.of("de", "DE");
                        System.out.println(german.equals(Locale.GERMANY) + " " + (Locale.forLanguageTag("fr-CA") == Locale.CANADA_FRENCH)
                                + " " + String.format(german, "%,.2f", 1234.5) + " " + Locale.of("iw").getLanguage());
                        try {
                            Locale.of("qqzzy", "QX");
                            System.out.println("made a locale of its own");
                        } catch (IllegalArgumentException refused) {
                            System.out.println(refused.getMessage());
                        }
                        java.util.function.Function<String, Locale> byTag = Locale::forLanguageTag;
                        try {
                            byTag.apply("qqzzy-QX");
                            System.out.println("made a locale of its own through a method reference");
                        } catch (IllegalArgumentException refused) {
                            System.out.println("refused through a method reference too");
                        }
                    }
                }
                """;
        Path jar = ProgramCompiler.compile("Locales", Map.of("Locales.java", source), work);
        var run = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("true true 1.234,50 he\nlocale qqzzy_QX is not one of the JVM's available locales; a SIP may use only "
                + "those (Locale.getAvailableLocales()), since the JDK keeps every locale for good\n"
                + "refused through a method reference too\n", run.out());

        String builder = """
                import java.util.Locale;
                public class OwnLocale {
                    public static void main(String[] args) {
                        System.out.println(new Locale.Builder().setLanguage("qqzzy").build());
                        System.out.println(new Locale("qqzzy"));
                    }
                }
                """;
        Path refused = ProgramCompiler.compile("OwnLocale", Map.of("OwnLocale.java", builder), work);
        var verify = ProcessRunner.singj("", "verify", refused.toString());
        assertEquals(1, verify.exitCode(), verify.err());
        assertTrue(verify.err().contains("java.util.Locale$Builder") && verify.err().contains("java.util.Locale.<init>"),
                verify.err());
    }

    @Test
    void theCommandSaysHowToUseIt() {
        var help = ProcessRunner.singj("", "jdk-surface", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("--out"), help.out());
        assertTrue(help.out().contains("--callbacks"), help.out());
        assertTrue(help.out().contains("--precision"), help.out());
        assertTrue(help.out().contains("--without-api"), help.out());
        assertTrue(help.out().contains("sinks"), help.out());
    }
}
