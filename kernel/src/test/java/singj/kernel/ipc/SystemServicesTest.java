package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.Service;

/**
 * A name a system SIP registered is a system service: a user grant of {@code /*} (what the shell
 * and {@code singj run} offer) does not open it, one that names it does; a name a user SIP
 * registered under the same pattern opens as before; and no user SIP takes a system service's
 * name over once its system SIP is gone.
 */
class SystemServicesTest {
    @Contract({"OPEN client: Note -> NOTED", "NOTED server: Ack -> OPEN"})
    public interface Notes {
        record Note() implements Message {}

        record Ack() implements Message {}
    }

    private static Holdings sip(int pid, String program, Grants grants) {
        return new Holdings(pid, program, () -> "program " + program, grants,
                new Quotas(64, 64, 64, 64, 1L << 20), () -> false, () -> new AssertionError("not killed"));
    }

    private static final Grants ASKS_FS_BY_NAME = new Grants(List.of(), List.of("/*", "/fs"));

    @Test
    void theDefaultOfferOpensWhatUserSipsRegisteredAndNoSystemService() {
        try (Ipc ipc = new Ipc(1L << 20)) {
            Holdings fileSystem = sip(1, "file-system", new Grants(List.of("/fs"), List.of(), true));
            Holdings echo = sip(2, "echo", Grants.ANY_USER);
            Holdings hostile = sip(3, "hostile", ASKS_FS_BY_NAME.intersect(Grants.ANY_USER));
            Holdings given = sip(4, "given", ASKS_FS_BY_NAME.intersect(
                    Grants.ANY_USER.union(new Grants(List.of(), List.of("/fs")))));
            Holdings shell = sip(5, "shell", new Grants(List.of(), List.of("/fs"), true));
            ipc.names().register("/fs", Notes.class, fileSystem);
            ipc.names().register("/service/echo", Notes.class, echo);

            var refused = assertThrows(NameServiceException.class, () -> ipc.names().open("/fs", Notes.class, hostile));
            assertEquals("pid 3 (hostile) may not open /fs: it is a system service (pid 1 (file-system) registered it), "
                    + "which a user program opens only if its manifest and its starter name it, not a subtree such as /* "
                    + "(registers nothing; opens /* /fs)", refused.getMessage());
            assertEquals(0, hostile.endCount(), "a refused open leaves nothing held");

            Endpoint<Notes> toEcho = ipc.names().open("/service/echo", Notes.class, hostile);
            assertTrue(toEcho.isOpen(), "a user SIP's name is opened as before");
            assertTrue(ipc.names().open("/fs", Notes.class, given).isOpen(), "a starter that names /fs gives it");
            assertTrue(ipc.names().open("/fs", Notes.class, shell).isOpen(), "a system SIP granted /fs opens it");
        }
    }

    @Test
    void aUserSipDoesNotTakeOverASystemServicesNameWhenItsSipIsGone() {
        try (Ipc ipc = new Ipc(1L << 20)) {
            Holdings system = sip(1, "file-system", new Grants(List.of("/fs"), List.of(), true));
            Service<Notes> served = ipc.names().register("/fs", Notes.class, system);
            served.close();
            // the same program, started by a user with the default offer: it would serve /fs to everyone
            Holdings again = sip(2, "file-system", Grants.ANY_USER);
            var refused = assertThrows(NameServiceException.class, () -> ipc.names().register("/fs", Notes.class, again));
            assertTrue(refused.getMessage().contains("it is a system service, which pid 1 (file-system) registered first "
                    + "as a system SIP; only a system SIP registers it again"), refused.getMessage());
            Holdings restarted = sip(3, "file-system", new Grants(List.of("/fs"), List.of(), true));
            assertTrue(ipc.names().register("/fs", Notes.class, restarted) != null, "the system may start it again");
        }
    }
}
