package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.LeftoverProbe;
import singj.cli.testing.ProgramCompiler;

/**
 * After its SIPs end, by a kill or by themselves, the JVM's heap is back where it was before
 * they started: nothing of theirs stays reachable, neither in the kernel's tables (processes,
 * channels, names, exchange blocks, threads, pools, loaders) nor in the JDK's caches.
 *
 * <p>The SIPs ({@code corpus/leftovers}) try hard to leave something: tens of MiB in their own
 * collections, statics and thread locals, formatting with thousands of locales and patterns no
 * one used before, interned strings, regular expressions, executors, their common pool and
 * timer with work queued for an hour, virtual threads, names, channels with messages and blocks
 * in flight. {@link LeftoverProbe} runs them in a JVM of its own and measures there.
 *
 * <p>What a fair measurement is: the heap in use after full collections, once two agree. The
 * baseline is taken after a first round of the same SIPs with other values, so that the JDK's
 * and the kernel's classes are loaded and their one-time state made (a locale provider's tables,
 * a class's constant pool): those are the JVM's, whoever first asked. The second round's values
 * differ from the first's, so that a cache keyed by what a SIP passed grows with each SIP and
 * shows. Soft references would stay until memory runs short (a second per free MiB since last
 * used), so the probe's JVM runs with {@code -XX:SoftRefLRUPolicyMSPerMB=0}, under which a
 * collection clears every soft reference not used since the previous one: what only soft
 * references hold counts as free, as the JVM would free it before failing an allocation. A
 * strong or weakly-keyed cache that keeps a SIP's values is counted, and fails the test.
 */
class NothingLeftBehindTest {
    /** Collections are not byte-exact (a TLAB, a lazily made JDK table): 2 MiB against the ~60 MiB each round held. */
    private static final long SLACK = 2L * 1024 * 1024;
    /** Distinct locales and patterns each CacheFiller formats with. */
    private static final int VALUES_PER_SIP = 1500;

    @TempDir
    Path work;

    /** With locales from the JVM's bounded set, every other value its own: nothing may stay. */
    @Test
    void theHeapIsBackToItsBaselineAfterSipsThatFilledEveryCacheTheyCouldEnded() throws Exception {
        assertNothingLeftBehind("available");
    }

    /**
     * A locale of the SIP's own making stays for good: {@code Locale.LOCALE_CACHE} and
     * {@code BaseLocale}'s interning set keep it by a soft key that the cached value holds
     * strongly (so it is never cleared), and the locale services cache per locale, strongly
     * ({@code LocaleProviderAdapter.adapterCache}, {@code LocaleServiceProviderPool.providersCache},
     * {@code JRELocaleProviderAdapter.localeResourcesMap}, {@code DateTimeTextProvider.CACHE},
     * {@code DecimalStyle.CACHE}, {@code DateTimeFormatterBuilder}'s {@code FORMATTER_CACHE}): about
     * 15 KiB per locale a SIP formats with (the strong part; measured 2026-12, JDK 25). So a SIP
     * gets only locales of the JVM's bounded set ({@code LocaleCalls}: Locale.of and forLanguageTag
     * give an available locale or refuse; the constructors and Locale.Builder are refused at
     * install): formatting with every one of the JVM's 1158 available locales holds about 24 MiB,
     * once per JVM. Here the SIPs try to make thousands of their own, and each try is refused.
     */
    @Test
    void sipsThatTryToMakeLocalesOfTheirOwnLeaveNothingEither() throws Exception {
        assertNothingLeftBehind("new");
    }

    private void assertNothingLeftBehind(String locales) throws Exception {
        Path filler = ProgramCompiler.compileResource("corpus/leftovers/CacheFiller.java", work);
        Path holder = ProgramCompiler.compile("Holder",
                Map.of("Holder.java", CorpusFiles.read("corpus/leftovers/Holder.java")), work,
                Map.of("SingJ-Contracts", "Holder$Hold", "SingJ-Registers", "/leftovers/*", "SingJ-Opens", "/leftovers/*"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+UseG1GC", "-XX:SoftRefLRUPolicyMSPerMB=0",
                "-Xss4m", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LeftoverProbe.class.getName(),
                work.toString(), filler.toString(), holder.toString(), Integer.toString(VALUES_PER_SIP), locales))
                .redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "cannot read the probe's output: " + e;
            }
        });
        boolean ended = process.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String report = output.get(10, TimeUnit.SECONDS);
        System.out.println("nothing left behind: " + report);
        assertTrue(ended, "the probe did not end: " + report);
        assertEquals(0, process.exitValue(), report);
        Map<String, Long> found = parse(report);

        long grown = found.get("after") - found.get("baseline");
        assertTrue(grown < SLACK, () -> String.format("the heap grew by %.2f MiB (baseline %.2f MiB, after %.2f MiB; "
                + "slack %.0f MiB):%n%s", grown / 1048576.0, found.get("baseline") / 1048576.0,
                found.get("after") / 1048576.0, SLACK / 1048576.0, report));
        assertEquals(0, found.get("loaders_uncollected"), "class loaders of dead SIPs still reachable\n" + report);
        assertEquals(0, found.get("sips_uncollected"), "the kernel still holds dead SIPs\n" + report);
        for (String table : List.of("processes", "channels", "names", "exchange_blocks", "thread_growth")) {
            assertEquals(0, found.get(table), table + " left behind\n" + report);
        }
    }

    private static Map<String, Long> parse(String report) {
        Map<String, Long> found = new HashMap<>();
        for (String line : report.lines().toList()) {
            String[] fields = line.split(" ");
            if (fields.length == 2 && fields[1].matches("-?\\d+")) {
                found.put(fields[0], Long.parseLong(fields[1]));
            }
        }
        return found;
    }
}
