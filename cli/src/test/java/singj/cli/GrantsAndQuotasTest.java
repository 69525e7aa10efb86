package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.CapturedOutput;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.ipc.Quotas;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.ProcessInfo;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SipState;
import singj.services.console.Console;
import singj.services.console.PlainLineSource;

/**
 * A manifest only asks: a program cannot grant itself the process manager, cannot take more
 * threads, channel ends, names or waiting clients than its starter allows, and a SIP cannot give
 * its child more than it holds. Judged from outside: the victim keeps running, the honest SIP
 * beside a hog works, the kernel's table shows what each was granted.
 */
class GrantsAndQuotasTest {
    @TempDir
    Path work;

    @Test
    void aProgramAskingForTheProcessManagerCannotOpenItNorKillAnyone() throws Exception {
        SealedProgram usurper = seal("Usurper", Map.of("SingJ-Opens", "/kernel/processes /* /process/children"));
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            Proc victim = kernel.spawn(sealCorpus("corpus/runaway/TightLoop.java", "tight-loop"), SipOptions.of(Stdio.none()));
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(usurper, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, err),
                    Integer.toString(victim.pid())));
            ExitStatus status = sip.awaitExit(Duration.ofSeconds(20));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status.code(), printed + err);
            assertEquals(2, printed.lines().filter(l -> l.equals("denied: pid " + sip.pid() + " (usurper) may not open "
                    + "/kernel/processes: it was not granted it (registers nothing; opens /* /process/children)")).count(), printed);
            assertFalse(printed.contains("kernel kill"), printed);
            assertTrue(printed.contains("children kill: Refused[reason=pid " + victim.pid() + " is not a child of pid "
                    + sip.pid() + ": at /process/children a SIP kills only the SIPs it started]"), printed);
            assertTrue(printed.contains("children listed: 0\n"), printed);
            // told at start, on its standard error, what it asked for and did not get, and why
            assertEquals("singj: pid " + sip.pid() + " (usurper) asked to open /kernel/processes, not granted: names under "
                    + "/kernel/ go only to system programs\n", err.toString(StandardCharsets.UTF_8));
            assertEquals(SipState.RUNNING, victim.state());
            assertNull(victim.awaitExit(Duration.ofMillis(200)), "the victim ended");
            ProcessInfo row = kernel.processes().stream().filter(p -> p.pid() == victim.pid()).findFirst().orElseThrow();
            assertFalse(row.grant().names().mayOpen("/kernel/processes"));
            assertTrue(victim.kill(KillCause.REQUESTED, "test over"));
        }
    }

    @Test
    void aStarterGrantsLessThanTheManifestAsks() throws Exception {
        SealedProgram usurper = seal("Usurper", Map.of("SingJ-Opens", "/kernel/processes /* /process/children",
                "SingJ-Exchange-Quota", "1g"));
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            var err = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(usurper, SipOptions.of(new Stdio(InputStream.nullInputStream(),
                    java.io.OutputStream.nullOutputStream(), err), "1")
                    .withGrants(new singj.kernel.ipc.Grants(List.of(), List.of("/service/*")))
                    .withQuotas(new Quotas(0, 0, 0, 0, 4 << 20)));
            sip.awaitExit(Duration.ofSeconds(20));
            var grant = sip.grant();
            assertEquals(List.of("/service/*"), grant.names().opens()); // /* narrowed to the offer, the rest refused
            assertEquals(4 << 20, grant.quotas().exchangeBytes());
            assertEquals(Quotas.DEFAULT_THREADS, grant.quotas().threads());
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("asked to open /process/children, not granted: its starter did not grant it\n"), said);
            assertTrue(said.contains("asked for an exchange-heap quota of 1024 MiB (SingJ-Exchange-Quota), granted 4 MiB: "
                    + "its starter gives no more\n"), said);
        }
    }

    /**
     * A hog takes one resource in a loop; the kernel stops it at its quota with an exception naming
     * the quota, the hog keeps running, and an honest SIP started beside it (while the hog holds
     * everything) makes a thread, a channel and a name and talks through them.
     */
    @ParameterizedTest
    @CsvSource({
        "threads,  0,  1023, 'quota threads 1024: pid %d (hog) has 1024 threads that have not ended, its quota of threads is 1024'",
        "channels, 0,  2048, 'quota channels 4096: pid %d (hog) holds 4096 channel ends, its quota of channels is 4096: close some before making more'",
        "names,    5,  5,    'quota names 5: pid %d (hog) may not register /hog/5: it has 5 names registered, its quota of names is 5'",
        "accepts,  7,  8,    'name service: /hog/accepts cannot take more clients: its owner pid %d (hog) has 7 clients waiting at its names, its quota of accepts; try later'",
    })
    void aHogIsStoppedAtItsQuotaAndAnHonestSipBesideItWorks(String resource, int limit, int held, String why) throws Exception {
        SealedProgram hog = seal("Hog", Map.of("SingJ-Contracts", "Hog$Talk", "SingJ-Registers", "/hog/*", "SingJ-Opens", "/hog/*"));
        SealedProgram honest = seal("Honest", Map.of("SingJ-Contracts", "Honest$Ping", "SingJ-Registers", "/honest/*",
                "SingJ-Opens", "/honest/*"));
        Quotas quotas = switch (resource) {
            case "names" -> new Quotas(0, 0, limit, 0, 0);
            case "accepts" -> new Quotas(0, 0, 0, limit, 0);
            default -> Quotas.UNSET; // the defaults
        };
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            var out = new CapturedOutput();
            Proc hogSip = kernel.spawn(hog, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), resource)
                    .withQuotas(quotas));
            out.awaitText("still running: true\n", Duration.ofSeconds(30));
            assertTrue(out.text().startsWith("stopped after " + held + " " + resource + ", " + why.formatted(hogSip.pid()) + "\n"),
                    out.text());
            ProcessInfo row = kernel.processes().stream().filter(p -> p.pid() == hogSip.pid()).findFirst().orElseThrow();
            switch (resource) {
                case "threads" -> assertEquals(1024, row.threads()); // what ps shows as used/limit
                case "channels" -> assertEquals(4096, row.channels());
                case "names" -> assertEquals(5, row.names());
                default -> assertEquals(7, row.accepts());
            }

            var honestOut = new ByteArrayOutputStream();
            Proc honestSip = kernel.spawn(honest, SipOptions.of(new Stdio(InputStream.nullInputStream(), honestOut, System.err)));
            assertEquals(0, honestSip.awaitExit(Duration.ofSeconds(20)).code(), honestOut.toString());
            assertEquals("honest ok: Hi[n=42], channel open true\n", honestOut.toString(StandardCharsets.UTF_8));
            assertEquals(SipState.RUNNING, hogSip.state());
            hogSip.kill(KillCause.REQUESTED, "test over");
            assertTrue(hogSip.awaitExit(Duration.ofSeconds(10)).wasKilled());
            assertTrue(hogSip.holdings().isEmpty(), hogSip.holdings().summary());
        }
    }

    /**
     * A SIP with small quotas starts a greedy child through /process/children, offering it far
     * more: the child gets no more than its parent holds, is denied the process manager, and is
     * stopped at its parent's thread quota; the parent cannot kill a SIP it did not start.
     */
    @Test
    void aChildGetsNoMoreThanItsParentHolds() throws Exception {
        SealedProgram parent = seal("Parent", Map.of("SingJ-Opens", "/process/children /service/*"));
        SystemImage image = new SystemImage(work.resolve("image"));
        image.store(Installer.standard().seal(ProgramJar.read(ProgramCompiler.compile("Greedy", Map.of("Greedy.java",
                CorpusFiles.read("corpus/grants/Greedy.java")), work.resolve("greedy"), Map.of("SingJ-Registers", "/*",
                "SingJ-Opens", "/kernel/processes /*", "SingJ-Exchange-Quota", "1g"))), "greedy", 0), "test", "-");
        var console = new ByteArrayOutputStream();
        try (Kernel kernel = Kernel.boot(image, KernelConfig.defaults())) {
            Console consoleService = new Console(new PlainLineSource(InputStream.nullInputStream()), console, console);
            consoleService.serveOutput(kernel, kernel.spawnSystem("console", consoleService::run, SipOptions.of(Stdio.none())));
            Proc stranger = kernel.spawn(sealCorpus("corpus/runaway/TightLoop.java", "tight-loop"), SipOptions.of(Stdio.none()));
            var out = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(parent, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err),
                    "greedy", Integer.toString(stranger.pid())).withMemoryQuota(64L << 20)
                    .withQuotas(new Quotas(8, 64, 2, 16, 2 << 20)));
            assertEquals(0, sip.awaitExit(Duration.ofSeconds(20)).code(), out.toString());
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("child row: threads 8 channels 64 names 2 accepts 16 memory " + (64L << 20)
                    + " parent " + sip.pid() + " granted registers nothing; opens /process/children /service/*; memory 64 MiB; "
                    + "exchange 2 MiB; threads 8, channels 64, names 2, accepts 16\n"), printed);
            assertTrue(printed.contains("exited: Exited["), printed);
            assertTrue(printed.contains("kill stranger: Refused[reason=pid " + stranger.pid() + " is not a child of pid "
                    + sip.pid()), printed);
            assertEquals(SipState.RUNNING, stranger.state());
            String said = console.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("asked to open /kernel/processes, not granted: names under /kernel/ go only to system programs"), said);
            assertTrue(said.contains("asked to register /*, not granted: its parent holds no grant for it"), said);
            assertTrue(said.contains("greedy: denied pid "), said);
            assertTrue(said.contains("greedy: stopped at threads 8\n"), said);
            stranger.kill(KillCause.REQUESTED, "test over");
        }
    }

    private SealedProgram seal(String main, Map<String, String> attributes) {
        Path jar = ProgramCompiler.compile(main, Map.of(main + ".java", CorpusFiles.read("corpus/grants/" + main + ".java")),
                work.resolve(main.toLowerCase()), attributes);
        return Installer.standard().seal(ProgramJar.read(jar), main.toLowerCase(), 0);
    }

    private SealedProgram sealCorpus(String resource, String name) {
        return Installer.standard().seal(ProgramJar.read(ProgramCompiler.compileResource(resource, work)), name, 0);
    }
}
