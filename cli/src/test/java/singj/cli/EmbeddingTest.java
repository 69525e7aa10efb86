package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.KernelException;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.Proc;

/**
 * An application embeds a kernel, shares a contract with it, and gives a plugin SIP one end of a
 * channel at start (as its manifest declares), keeping the other to talk to it.
 */
class EmbeddingTest {
    @TempDir
    Path work;

    @Test
    void theApplicationTalksToAPluginThroughTheEndpointItGaveItAtStart() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("Echo.java", CorpusFiles.read("corpus/channels/Echo.java"));
        sources.put("EchoPlugin.java", CorpusFiles.read("corpus/channels/EchoPlugin.java"));
        Path jar = ProgramCompiler.compile("EchoPlugin", sources, work,
                Map.of("SingJ-Contracts", "Echo", "SingJ-Endpoints", "control=Echo"));
        SealedProgram plugin = Installer.standard().seal(ProgramJar.read(jar), "echo-plugin", 0);
        // the application's own copy of the contract: the same class files the plugin was built with
        try (var application = new URLClassLoader(new URL[] {work.resolve("EchoPlugin-classes").toUri().toURL()},
                EmbeddingTest.class.getClassLoader());
             Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            Class<?> echo = application.loadClass("Echo");
            kernel.shareContract(echo);
            var channel = kernel.ipc().newChannel(echo, kernel.host());
            Stdio quiet = new Stdio(InputStream.nullInputStream(), OutputStream.nullOutputStream(), System.err);

            var missing = assertThrows(KernelException.class, () -> kernel.spawn(plugin, SipOptions.of(quiet)));
            assertTrue(missing.getMessage().contains("needs an endpoint 'control' of Echo at start; none was given"),
                    missing.getMessage());

            Proc sip = kernel.spawn(plugin, SipOptions.of(quiet).withEndpoint("control", channel.server()));
            assertThrows(IllegalStateException.class, () -> channel.server().state(), "the application's object for the end it gave is dead");

            Endpoint<?> client = channel.client();
            Constructor<?> request = application.loadClass("Echo$Request").getDeclaredConstructors()[0];
            client.send((Message) request.newInstance("embedded", null));
            Message reply = client.receive(Duration.ofSeconds(10));
            assertEquals("EMBEDDED", reply.getClass().getMethod("text").invoke(reply));
            client.send((Message) application.loadClass("Echo$Bye").getDeclaredConstructors()[0].newInstance());
            assertEquals(0, sip.awaitExit(Duration.ofSeconds(10)).code());
            assertTrue(sip.holdings().isEmpty());
        }
    }
}
