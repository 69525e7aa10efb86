package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.installer.VerificationReport;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.Proc;

/**
 * A hostile SIP for each IPC guarantee: it gets a clear error, and afterwards the kernel holds
 * nothing of it (no block, channel or name) and still serves others.
 */
class HostileIpcTest {
    @TempDir
    static Path work;
    private static Kernel kernel;
    private static SealedProgram hostile;
    private static VerificationReport report;

    @BeforeAll
    static void boot() {
        Path jar = ProgramCompiler.compile("IpcHostile", Map.of("IpcHostile.java",
                        CorpusFiles.read("corpus/ipc-hostile/IpcHostile.java")), work,
                Map.of("SingJ-Contracts", "IpcHostile$Relay", "SingJ-Exchange-Quota", "8m"));
        // the install-time linearity check refuses most of these modes (see below); this test is
        // about the run-time generation check, the second line, so it installs them without it
        hostile = Installer.standard().withoutLinearHandlesForRuntimeTests().seal(ProgramJar.read(jar), "ipc-hostile", 0);
        report = Installer.standard().verify(ProgramJar.read(jar));
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
    }

    @AfterAll
    static void shutDown() {
        kernel.close();
    }

    /** The first line: the same program is refused at install, at each place a handle is reused or kept. */
    @Test
    void theInstallerRefusesEachReuseOfAHandleWhereItHappens() {
        List<String> found = report.violations().stream()
                .map(v -> v.rule() + " " + v.method() + " line " + v.line()).toList();
        assertEquals(List.of(
                "handle-use-after-move endpointTwice()V line 47", // inner.client() was moved into the first Pass
                "handle-use-after-move endpointAfterSend()V line 54",
                "handle-use-after-move blockTwice()V line 62",
                "handle-use-after-move blockAfterFree()V line 68",
                "handle-escape exhaust()V line 89"), found, report.violations().toString()); // List.add may keep it
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "endpoint-twice      | ContractViolationException: contract IpcHostile$Relay violated: the message carries an endpoint that was already sent away",
        "endpoint-after-send | IllegalStateException: endpoint of IpcHostile$Relay used after it was sent away in a message",
        "block-twice         | ContractViolationException: contract IpcHostile$Relay violated: the message carries a block of 64 bytes used after it was sent",
        "block-after-free    | ExchangeHeapException: block of 64 bytes used after it was freed",
        "flood               | ContractViolationException: contract IpcHostile$Relay violated: client sent Pass in state B, where the server sends",
        "exhaust             | ExchangeHeapException: exchange heap quota exceeded: pid",
        "receive-out-of-turn | ContractViolationException: contract IpcHostile$Relay violated: client tried to receive in state A, where it is the one to send",
        "lock-message        | IllegalMonitorStateException: a IpcHostile$Relay$Pass can be shared with other SIPs; a SIP may not lock, wait on or notify it",
    })
    void getsAClearErrorAndLeavesNothingBehind(String mode, String expected) throws Exception {
        assertClearErrorAndNothingLeft(mode, expected, false);
    }

    /**
     * The guarantees that matter most, again with the hostile SIP in a JVM process of its own
     * (docs/isolation.md): the same error, and nothing left of it in the kernel or on the host.
     * A few modes only, since each is a JVM start.
     */
    @ParameterizedTest(name = "{0} in its own process")
    @CsvSource(delimiter = '|', value = {
        "endpoint-after-send | IllegalStateException: endpoint of IpcHostile$Relay used after it was sent away in a message",
        "block-twice         | ContractViolationException: contract IpcHostile$Relay violated: the message carries a block of 64 bytes used after it was sent",
        "flood               | ContractViolationException: contract IpcHostile$Relay violated: client sent Pass in state B, where the server sends",
        "exhaust             | ExchangeHeapException: exchange heap quota exceeded: pid",
    })
    void getsTheSameClearErrorInItsOwnProcess(String mode, String expected) throws Exception {
        assertClearErrorAndNothingLeft(mode, expected, true);
        ProcessLeftovers.assertNone();
    }

    private static void assertClearErrorAndNothingLeft(String mode, String expected, boolean inOwnProcess) throws Exception {
        var out = new ByteArrayOutputStream();
        SipOptions options = SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), mode);
        Proc sip = inOwnProcess ? kernel.spawnIsolated(hostile, options) : kernel.spawn(hostile, options);
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status.code(), printed);
        assertTrue(printed.contains("caught: " + expected.strip()), printed);
        assertTrue(sip.holdings().isEmpty(), "it holds nothing after exit: " + sip.holdings().summary());
        assertEquals(0, kernel.ipc().heap().inUse(), "every block it had is free");
        assertEquals(0, kernel.ipc().channels().size(), "every channel it had is closed");
    }
}
