package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import singj.abi.Contract;
import singj.abi.Message;
import singj.abi.NameServiceException;

/**
 * A name's claim outlives the SIP that registered it (so that no other program can take the name
 * when the service dies), so names are bounded: a SIP must not leave megabytes in the kernel for
 * good with one name.
 */
class NameLengthTest {
    @Contract({"OPEN client: Note -> OPEN"})
    public interface Notes {
        record Note() implements Message {}
    }

    @Test
    void aNameOfTheLongestLengthRegistersAndALongerOneIsRefusedWithTheReason() {
        try (Ipc ipc = new Ipc(1L << 20)) {
            Holdings sip = new Holdings(1, "sip", Grants.ALL, 1L << 20, () -> false, () -> new AssertionError("not killed"));
            String longest = "/names/" + "n".repeat(NameServer.MAX_NAME_LENGTH - "/names/".length());
            ipc.names().register(longest, Notes.class, sip);
            assertEquals(longest, ipc.names().list().getFirst().name());

            String tooLong = longest + "n";
            var refused = assertThrows(NameServiceException.class, () -> ipc.names().register(tooLong, Notes.class, sip));
            assertTrue(refused.getMessage().endsWith("has 1025 characters; names have at most 1024"), refused.getMessage());
            assertEquals(1, ipc.names().list().size());
        }
    }
}
