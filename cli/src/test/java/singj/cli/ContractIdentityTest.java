package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.Proc;

/**
 * A contract is its class files, not its name, and a name belongs to the program that first
 * registered it: a program that brings its own classes under the shipped echo contract's name
 * neither stops echo-server from starting nor talks to it, and a program granted a name cannot take
 * it from the program that registered it once its SIP has ended.
 */
class ContractIdentityTest {
    @TempDir
    Path work;

    @Test
    void aProgramWithItsOwnEchoContractLeavesTheRealEchoServiceWorking() {
        Path jar = ProgramCompiler.compile("singj.apps.echoservice.Squatter",
                sources("contract-squatting", "EchoContract.java", "Squatter.java"), work,
                Map.of("SingJ-Contracts", "singj.apps.echoservice.EchoContract",
                        "SingJ-Registers", "/squat/echo", "SingJ-Opens", "/service/echo"));
        String image = work.resolve("image").toString();
        var installed = ProcessRunner.singj("", "install", "--image", image, "--name", "squatter", jar.toString());
        assertEquals(0, installed.exitCode(), installed.err());

        // the squatter runs first, as it would have to in order to take the contract's name
        var session = ProcessRunner.singj("""
                run squatter
                run echo-server &
                run echo-client hello world
                run squatter open
                exit
                """, "boot", "--image", image);

        assertEquals(0, session.exitCode(), session.out() + session.err());
        String out = session.out();
        assertFalse(session.err().contains("cannot start"), session.err());
        // the client prints what it prints when no other program has run (the server's lines may come between)
        assertEquals(java.util.List.of("HELLO", "WORLD", "echo-client: goodbye (channel DONE)"), out.lines()
                .filter(line -> line.equals("HELLO") || line.equals("WORLD") || line.startsWith("echo-client:")).toList(), out);
        assertEquals(2, out.lines().filter("squatter: registered /squat/echo"::equals).count(),
                "the squatter's own contract works for it, and its name is its own again: " + out);
        // the squatter's EchoContract is another contract: /service/echo refuses it, with the reason
        assertTrue(out.lines().anyMatch(line -> line.matches("squatter: /service/echo speaks singj\\.apps\\.echoservice\\.EchoContract "
                + "as pid \\d+ \\(echo-server\\) defines it, and pid \\d+ \\(squatter\\)'s singj\\.apps\\.echoservice\\.EchoContract "
                + "has other class files: another contract under the same name")), out);
        assertFalse(out.contains("squatter: opened"), out);
    }

    @Test
    void aNameBelongsToTheProgramThatRegisteredItFirst() throws Exception {
        Map<String, String> attributes = Map.of("SingJ-Contracts", "ClaimContract", "SingJ-Registers", "/claim/*");
        // the same code installed under two names: two programs
        SealedProgram holder = seal("Claimer", "holder", attributes);
        SealedProgram thief = seal("Claimer", "thief", attributes);
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            assertEquals("registered /claim/x\n", run(kernel, holder, 0, "/claim/x"));
            String refused = run(kernel, thief, 3, "/claim/x");
            assertTrue(refused.matches("refused: pid \\d+ \\(thief\\) may not register /claim/x: it belongs to program holder "
                    + "\\(sha-256 [0-9a-f]{16}\\), whose pid \\d+ \\(holder\\) registered it first; only that program may "
                    + "register it again\n"), refused);
            assertEquals("registered /claim/x\n", run(kernel, holder, 0, "/claim/x"), "its own program takes it again");
            assertEquals("registered /claim/y\n", run(kernel, thief, 0, "/claim/y"), "a name nobody had is free");
        }
    }

    /** Two programs built against the same contract source talk, each with the classes of its own jar. */
    @Test
    void programsWithTheSameContractClassesShareOneDefinition() throws Exception {
        Path server = ProgramCompiler.compile("EchoServer", sources("channels", "Echo.java", "EchoServer.java"),
                work.resolve("server"), Map.of("SingJ-Contracts", "Echo", "SingJ-Registers", "/service/echo"));
        Path client = ProgramCompiler.compile("EchoClient", sources("channels", "Echo.java", "EchoClient.java"),
                work.resolve("client"), Map.of("SingJ-Contracts", "Echo", "SingJ-Opens", "/service/*"));
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            var serverOut = new ByteArrayOutputStream();
            Proc service = kernel.spawn(Installer.standard().seal(ProgramJar.read(server), "echo-server", 0),
                    SipOptions.of(new Stdio(InputStream.nullInputStream(), serverOut, System.err)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!serverOut.toString(StandardCharsets.UTF_8).contains("ready") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            var clientOut = new ByteArrayOutputStream();
            Proc talker = kernel.spawn(Installer.standard().withoutLinearHandlesForRuntimeTests()
                            .seal(ProgramJar.read(client), "echo-client", 0),
                    SipOptions.of(new Stdio(InputStream.nullInputStream(), clientOut, System.err)));
            ExitStatus status = talker.awaitExit(Duration.ofSeconds(10));
            assertEquals(0, status.code(), clientOut + " / " + serverOut);
            assertTrue(clientOut.toString(StandardCharsets.UTF_8).contains("HELLO 42"), clientOut.toString());
            service.kill(singj.kernel.proc.KillCause.REQUESTED, "test");
        }
    }

    private String run(Kernel kernel, SealedProgram program, int expectedCode, String... args) throws InterruptedException {
        var out = new ByteArrayOutputStream();
        Proc sip = kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), args));
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, status.code(), text);
        return text;
    }

    private SealedProgram seal(String main, String name, Map<String, String> attributes) {
        Path jar = ProgramCompiler.compile(main, sources("names", main + ".java", "ClaimContract.java"), work.resolve(name), attributes);
        return Installer.standard().seal(ProgramJar.read(jar), name, 0);
    }

    private static Map<String, String> sources(String group, String... files) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String file : files) {
            try (InputStream in = ContractIdentityTest.class.getClassLoader().getResourceAsStream("corpus/" + group + "/" + file)) {
                sources.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }
}
