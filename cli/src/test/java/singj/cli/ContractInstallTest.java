package singj.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.VerificationReport;

/** Contracts and manifests are checked at install: each broken one is rejected with its rule and reason. */
class ContractInstallTest {
    private static final String IMPORTS = "import singj.abi.*;\n";
    private static final String CONTRACT = IMPORTS + """
            @Contract({"A client: Ping -> B", "B server: Pong -> A"})
            public interface Talk {
                record Ping(int n) implements Message {}
                record Pong(int n) implements Message {}
            }
            """;
    private static final String MAIN = IMPORTS + """
            public class Main {
                public static void main(String[] args) {
                    Channel<Talk> talk = Sip.newChannel(Talk.class);
                    talk.client().send(new Talk.Ping(1));
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void aWellFormedContractInstalls() {
        assertViolations(verify(Map.of("Talk.java", CONTRACT, "Main.java", MAIN), Map.of("SingJ-Contracts", "Talk")), "");
    }

    @Test
    void aSideThatCanSendForeverIsRejectedWithTheCycle() {
        String flood = CONTRACT.replace("\"B server: Pong -> A\"", "\"B client: Pong -> A\"");
        assertViolations(verify(Map.of("Talk.java", flood, "Main.java", MAIN), Map.of("SingJ-Contracts", "Talk")),
                "[contract] Talk: the client can send forever without an answer: A -Ping-> B -Pong-> A");
    }

    @Test
    void aMessageWithCodeOfItsOwnIsRejected() {
        String withCode = CONTRACT.replace("record Pong(int n) implements Message {}",
                "record Pong(int n) implements Message { public int twice() { return n * 2; } }");
        assertViolations(verify(Map.of("Talk.java", withCode, "Main.java", MAIN), Map.of("SingJ-Contracts", "Talk")),
                "[contract] Talk$Pong: method twice()I has code of its own");
    }

    @Test
    void aContractTheManifestDoesNotDeclareIsRejected() {
        assertViolations(verify(Map.of("Talk.java", CONTRACT, "Main.java", MAIN), Map.of()),
                "[manifest] Talk: declares a contract: list it in SingJ-Contracts");
    }

    @Test
    void openingANameTheManifestDoesNotGrantIsRejected() {
        String opener = MAIN.replace("Channel<Talk> talk = Sip.newChannel(Talk.class);",
                "Endpoint<Talk> e = Sip.open(\"/service/secret\", Talk.class);").replace("talk.client().send", "e.send");
        assertViolations(verify(Map.of("Talk.java", CONTRACT, "Main.java", opener),
                        Map.of("SingJ-Contracts", "Talk", "SingJ-Opens", "/service/public")),
                "opens /service/secret, which the manifest does not grant (add it to SingJ-Opens)");
    }

    @Test
    void forgingAnEndpointIsRejected() {
        String forger = MAIN.replace("Channel<Talk> talk = Sip.newChannel(Talk.class);",
                "Endpoint<Talk> forged = new Endpoint<>(null, 0);").replace("talk.client().send", "forged.send");
        assertViolations(verify(Map.of("Talk.java", CONTRACT, "Main.java", forger), Map.of("SingJ-Contracts", "Talk")),
                "[singj-internal] Main.main([Ljava/lang/String;)V");
    }

    @Test
    void aBadManifestAttributeSaysWhatIsWrong() {
        assertViolations(verify(Map.of("Talk.java", CONTRACT, "Main.java", MAIN),
                        Map.of("SingJ-Contracts", "Talk", "SingJ-Opens", "service", "SingJ-Exchange-Quota", "lots")),
                "SingJ-Opens: \"service\" is not a name", "SingJ-Exchange-Quota: \"lots\" is not a size");
    }

    private VerificationReport verify(Map<String, String> sources, Map<String, String> attributes) {
        Path jar = ProgramCompiler.compile("Main", sources, work, attributes);
        return Installer.standard().verify(ProgramJar.read(jar));
    }

    /** Every expected text appears in some violation; no expectation ("") means none at all. */
    private static void assertViolations(VerificationReport report, String... expected) {
        String lines = report.violations().stream().map(Object::toString).collect(Collectors.joining("\n"));
        if (expected.length == 1 && expected[0].isEmpty()) {
            assertTrue(report.violations().isEmpty(), lines);
            return;
        }
        for (String text : expected) {
            assertTrue(lines.contains(text), "no \"" + text + "\" in:\n" + lines);
        }
    }
}
