package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Opener;
import singj.abi.Service;

/**
 * A service learns which SIP opened each channel it accepts, as the kernel knows it (the file
 * system keeps its quotas per client SIP by it): the SIP that made the open call, whatever the
 * client sends, and whether that SIP still runs.
 */
class OpenerTest {
    @Contract({"OPEN client: Note -> NOTED", "NOTED server: Ack -> OPEN"})
    public interface Notes {
        record Note() implements Message {}

        record Ack() implements Message {}
    }

    private static Holdings sip(int pid, String program) {
        return new Holdings(pid, program, Grants.ALL, 1L << 20, () -> false, () -> new AssertionError("not killed"));
    }

    @Test
    void anAcceptedEndNamesTheSipThatOpenedItUntilThatSipEnds() {
        try (Ipc ipc = new Ipc(1L << 20)) {
            Holdings server = sip(1, "server");
            Holdings alice = sip(2, "alice");
            Holdings bob = sip(3, "bob");
            Service<Notes> service = ipc.names().register("/notes", Notes.class, server);

            Endpoint<Notes> fromAlice = ipc.names().open("/notes", Notes.class, alice);
            Endpoint<Notes> fromBob = ipc.names().open("/notes", Notes.class, bob);
            Opener first = service.accept().opener();
            Opener second = service.accept().opener();
            assertEquals(2, first.pid());
            assertEquals("alice", first.program());
            assertEquals(3, second.pid());
            assertTrue(first.running() && second.running());

            // Alice opens again: the same opener, so a service can tell a reconnection from a new client
            ipc.names().open("/notes", Notes.class, alice);
            Opener again = service.accept().opener();
            assertEquals(first, again);

            // the client's end says the same: the opener is the channel's, not a field a client fills in
            assertEquals(first, fromAlice.opener());

            alice.release("alice ended");
            assertFalse(first.running(), "the opener's end is visible to the service");
            assertTrue(second.running());
            assertTrue(fromBob.isOpen());
        }
    }

    @Test
    void aChannelASipMadeItselfHasNoOpener() {
        try (Ipc ipc = new Ipc(1L << 20)) {
            Holdings maker = sip(4, "maker");
            var channel = ipc.newChannel(Notes.class, maker);
            assertNull(channel.server().opener());
            assertNull(channel.client().opener());
        }
    }
}
