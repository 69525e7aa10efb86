package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import singj.kernel.isolate.ChildCommand;
import singj.kernel.isolate.HostileChild;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * A SIP in a JVM process of its own (docs/isolation.md), judged from outside: it prints and exits
 * as it does in the kernel's JVM; killed mid-conversation again and again, it leaves nothing behind
 * and its peer goes on; a process that dies by itself is reaped the same way; and a child whose
 * runtime is an attacker's cannot hurt the kernel or the SIP it talks to.
 */
class ProcessIsolationTest {
    /** How many kills the storm makes: each is a JVM start (a few hundred ms); more with -Dsingj.processStorm=N. */
    private static final int STORM = Integer.getInteger("singj.processStorm", 12);

    @TempDir
    Path work;
    private Kernel kernel;
    private SealedProgram server;
    private SealedProgram client;
    private SealedProgram loop;

    @BeforeEach
    void boot() {
        Map<String, String> serverAttributes = Map.of("SingJ-Contracts", "Echo", "SingJ-Registers", "/service/echo");
        Map<String, String> clientAttributes = Map.of("SingJ-Contracts", "Echo", "SingJ-Opens", "/service/*");
        server = seal("EchoServer", sources("channels/Echo.java", "channels/EchoServer.java"), serverAttributes,
                Installer.standard());
        client = seal("EchoClient", sources("channels/Echo.java", "channels/EchoClient.java"), clientAttributes,
                Installer.standard().withoutLinearHandlesForRuntimeTests());
        loop = seal("EchoLoop", sources("channels/Echo.java", "process/EchoLoop.java"), clientAttributes, Installer.standard());
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        kernel.close();
        ProcessLeftovers.assertNone();
    }

    @Test
    void runInAProcessPrintsAndExitsAsInTheKernelsJvm() {
        Path apps = Path.of(System.getProperty("singj.apps"));
        Path exits = ProgramCompiler.compile("Exits", sources("process/Exits.java"), work.resolve("exits"));
        List<List<String>> runs = List.of(
                List.of(apps.resolve("hello.jar").toString()),
                List.of(apps.resolve("echo.jar").toString(), "one", "two"),
                List.of(exits.toString(), "exit", "3"),
                List.of(exits.toString(), "throw"));
        for (List<String> run : runs) {
            ProcessRunner.Result inKernel = singjRun(List.of(), run);
            ProcessRunner.Result inProcess = singjRun(List.of("--isolation", "process"), run);
            assertEquals(inKernel, inProcess, String.join(" ", run));
        }
        // and what the runs printed is what the programs print
        ProcessRunner.Result echo = singjRun(List.of("--isolation", "process"), runs.get(1));
        assertEquals("args: one two\n  1  first line\n  2  second line\n", echo.out());
        ProcessRunner.Result thrown = singjRun(List.of("--isolation", "process"), runs.get(3));
        assertEquals(1, thrown.exitCode());
        assertTrue(thrown.err().contains("Exception in thread \"main\" java.lang.IllegalStateException: thrown from main"), thrown.err());
    }

    private ProcessRunner.Result singjRun(List<String> options, List<String> run) {
        List<String> line = new java.util.ArrayList<>(List.of("run", "--image", work.resolve("run-image").toString()));
        line.addAll(options);
        line.addAll(run);
        return ProcessRunner.singj("first line\nsecond line\n", line.toArray(String[]::new));
    }

    @Test
    void aProcessSipKilledMidConversationLeavesNothingAndItsPeerGoesOn() throws Exception {
        List<String> names = ChannelsTest.names(kernel);
        int processes = kernel.processes().size();
        long start = System.nanoTime();
        for (int round = 1; round <= STORM; round++) {
            var serverOut = new ByteArrayOutputStream();
            Proc service = kernel.spawnIsolated(server, options(serverOut));
            awaitOutput(serverOut, "ready");
            var loopOut = new ByteArrayOutputStream();
            Proc talker = kernel.spawn(loop, options(loopOut));
            awaitOutput(loopOut, "talking");
            assertTrue(kernel.kill(service.pid(), KillCause.REQUESTED, "storm round " + round));

            ExitStatus status = service.awaitExit(Duration.ofSeconds(10));
            assertNotNull(status, "the killed process SIP ended");
            assertTrue(status.wasKilled(), status.toString());
            ExitStatus peer = talker.awaitExit(Duration.ofSeconds(10));
            assertNotNull(peer, "its peer ended by itself:\n" + loopOut);
            assertEquals(0, peer.code(), loopOut.toString());
            assertTrue(loopOut.toString().contains("was killed: storm round " + round), loopOut.toString());
            assertFalse(loopOut.toString().contains("wrong answer"), loopOut.toString());

            assertEquals(names, ChannelsTest.names(kernel), "the server's name went with it");
            assertEquals(0, kernel.ipc().channels().size(), "no channel is left open");
            assertEquals(0, kernel.ipc().heap().inUse(), "no block is left");
            assertEquals(processes, kernel.processes().size(), "both left the process table");
            ProcessLeftovers.assertNone();
            if (STORM > 12 && round % 50 == 0) { // a storm run by hand says how far it got
                System.err.printf("storm: %d of %d rounds, %d ms a round so far%n", round, STORM,
                        (System.nanoTime() - start) / 1_000_000 / round);
            }
        }
    }

    /**
     * The kernel closes while its process SIPs are still starting, at several points of their
     * start (before the child JVM runs, while it maps its window, once it serves): no window,
     * lanes, socket directory or child JVM is left, and nothing is held for the JVM's exit.
     */
    @Test
    void aKernelClosedWhileItsChildrenStartLeavesNothing() throws Exception {
        for (long delayMillis : new long[] {0, 50, 200, 500}) {
            try (Kernel starting = Kernel.boot(new SystemImage(work.resolve("image-" + delayMillis)), KernelConfig.defaults())) {
                for (int i = 0; i < 3; i++) {
                    starting.spawnIsolated(server, options(new ByteArrayOutputStream()));
                }
                Thread.sleep(delayMillis);
            }
            ProcessLeftovers.assertNone();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (kernel.hostRuntime().exitFiles().held() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, kernel.hostRuntime().exitFiles().held(), "files still held for the JVM's exit");
    }

    /**
     * The server's process is SIGKILLed from outside while its thread sleeps in a lane's futex,
     * waiting for the kernel's answer to its receive (docs/isolation.md, "Lanes"): the kernel's
     * lane thread sees the SIP end, and the peer wakes with the channel closed and the reason.
     */
    @Test
    void aProcessThatDiesByItselfIsReapedAndItsPeerLearnsWhy() throws Exception {
        var serverOut = new ByteArrayOutputStream();
        Proc service = kernel.spawnIsolated(server, options(serverOut));
        awaitOutput(serverOut, "ready");
        var loopOut = new ByteArrayOutputStream();
        Proc talker = kernel.spawn(loop, options(loopOut));
        awaitOutput(loopOut, "talking");
        ProcessHandle child = ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("ChildMain")).orElse(false))
                .findFirst().orElseThrow();
        child.destroyForcibly(); // from outside the kernel, as a crash or the OOM killer would

        ExitStatus status = service.awaitExit(Duration.ofSeconds(10));
        assertNotNull(status);
        assertEquals(KillCause.PROCESS_DIED, status.killCause(), status.toString());
        assertTrue(status.detail().contains("its process died: exit status 137"), status.detail());
        assertEquals(0, talker.awaitExit(Duration.ofSeconds(10)).code(), loopOut.toString());
        assertTrue(loopOut.toString().contains("was killed: its process died"), loopOut.toString());
        assertEquals(0, kernel.ipc().heap().inUse(), "no block is left");
    }

    /**
     * A child that speaks the wire itself ({@link HostileChild}): it sends a block to an in-process
     * echo server, writes garbage over all of its window (that block included), then makes one
     * request the wire does not allow, over the socket or through a lane (garbage over every lane
     * and its futex word, a length past the lane, a request that does not decode, a length changed
     * while the kernel may be reading it). The kernel kills it for that request; the server, told
     * why, goes on serving; nothing of the child is left.
     */
    @ParameterizedTest
    @ValueSource(strings = {"unknown-op", "bogus-endpoint", "bogus-block", "freed-twice", "wrong-field", "foreign-class",
            "short-frame", "trailing-bytes", "second-start", "huge-frame", "lane-scribble", "lane-length", "lane-request",
            "lane-race"})
    void aHostileChildIsKilledForItsFirstBadRequestAndHurtsNobody(String attack) throws Exception {
        var serverOut = new ByteArrayOutputStream();
        Proc service = kernel.spawn(server, options(serverOut));
        awaitOutput(serverOut, "ready");

        var hostileOut = new ByteArrayOutputStream();
        Proc hostile = kernel.spawnIsolated(client, options(hostileOut).withEnvironment(Map.of("ATTACK", attack)),
                ChildCommand.sameJvm().withMainClass(HostileChild.class.getName()));
        ExitStatus status = hostile.awaitExit(Duration.ofSeconds(30));
        assertNotNull(status, "the hostile child was not stopped:\n" + hostileOut);
        assertEquals(KillCause.VIOLATION, status.killCause(), status + "\n" + hostileOut);
        assertTrue(status.detail().startsWith("it broke the process-SIP protocol: "), status.detail());
        String out = hostileOut.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("hostile: scribbled over"), out);
        assertFalse(out.contains("still alive"), out);
        awaitOutput(serverOut, "was killed: it broke the process-SIP protocol");

        var clientOut = new ByteArrayOutputStream();
        Proc talker = kernel.spawn(client, options(clientOut));
        assertEquals(0, talker.awaitExit(Duration.ofSeconds(10)).code(), clientOut.toString());
        assertTrue(clientOut.toString().contains("HELLO 42 same memory: true"), "the server still serves:\n" + clientOut);
        assertTrue(service.lifecycle() instanceof singj.kernel.proc.Lifecycle.Running, "the server runs on");
        assertEquals(0, kernel.ipc().heap().inUse(), "no block is left: the hostile child's went back");
        ProcessLeftovers.assertNone();
    }

    private static SipOptions options(ByteArrayOutputStream out) {
        return SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err));
    }

    private SealedProgram seal(String main, Map<String, String> sources, Map<String, String> attributes, Installer installer) {
        Path jar = ProgramCompiler.compile(main, sources, work.resolve(main), attributes);
        return installer.seal(ProgramJar.read(jar), main.toLowerCase(), 0);
    }

    private static void awaitOutput(ByteArrayOutputStream out, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + expected + "\" in: " + out);
            }
            Thread.sleep(10);
        }
    }

    private static Map<String, String> sources(String... files) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String file : files) {
            sources.put(file.substring(file.indexOf('/') + 1), resource("corpus/" + file));
        }
        return sources;
    }

    private static String resource(String name) {
        try (InputStream in = ProcessIsolationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
