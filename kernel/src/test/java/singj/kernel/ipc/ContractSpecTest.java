package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import singj.abi.Side;

class ContractSpecTest {
    private static Map<String, List<String>> messages(String... names) {
        Map<String, List<String>> messages = new LinkedHashMap<>();
        for (String name : names) {
            messages.put(name, List.of());
        }
        return messages;
    }

    @Test
    void aRequestReplyContractParsesWithABoundOfOneEachWay() {
        ContractSpec spec = ContractSpec.parse("Echo", List.of(
                "READY client: Request -> WAITING, Bye -> DONE",
                "WAITING server: Reply -> READY",
                "DONE"), messages("Request", "Reply", "Bye"));
        assertEquals(List.of("READY", "WAITING", "DONE"), spec.states());
        assertEquals(Side.CLIENT, spec.sender(0));
        assertNull(spec.sender(2), "DONE is an end state");
        assertEquals(1, spec.next(0, 0));
        assertEquals(-1, spec.next(0, 1), "Reply is not allowed in READY");
        assertEquals(1, spec.bound(Side.SERVER));
        assertEquals(1, spec.bound(Side.CLIENT));
    }

    @Test
    void aRunOfMessagesFromOneSideSetsTheBoundOfItsPeersQueue() {
        ContractSpec spec = ContractSpec.parse("Upload", List.of(
                "START client: Header -> CHUNK1",
                "CHUNK1 client: Chunk -> CHUNK2",
                "CHUNK2 client: Chunk -> END",
                "END server: Ack -> START"), messages("Header", "Chunk", "Ack"));
        assertEquals(3, spec.bound(Side.SERVER), "three client messages can wait for the server");
        assertEquals(1, spec.bound(Side.CLIENT));
    }

    @Test
    void aSideThatCanSendForeverIsRejectedWithTheCycleNamed() {
        var error = assertThrows(ContractException.class, () -> ContractSpec.parse("Flood", List.of(
                "START client: Data -> MORE",
                "MORE client: Data -> START, Done -> WAIT",
                "WAIT server: Ack -> START"), messages("Data", "Done", "Ack")));
        assertTrue(error.getMessage().contains("the client can send forever without an answer: START -Data-> MORE -Data-> START"),
                error.getMessage());
    }

    @Test
    void unreachableStatesUnusedAndUnknownMessagesAreAllReported() {
        var error = assertThrows(ContractException.class, () -> ContractSpec.parse("Broken", List.of(
                "A client: Ping -> B",
                "B server: Pong -> A, Pnog -> A",
                "C server: Pong -> A",
                "A"), messages("Ping", "Pong", "Unused")));
        List<String> problems = error.problems();
        assertTrue(problems.contains("state B: no message Pnog in this contract (it has Ping, Pong, Unused)"), problems.toString());
        assertTrue(problems.contains("state A is declared twice"), problems.toString());
        assertTrue(problems.contains("message Unused is never sent in any state"), problems.toString());
        assertTrue(problems.contains("state C cannot be reached from A"), problems.toString());
    }

    @Test
    void aFieldOfAnotherTypeIsRejected() {
        var error = assertThrows(ContractException.class, () -> ContractSpec.parse("Arrays", List.of(
                "A client: Data -> B", "B server: Data -> A"), Map.of("Data", List.of("[B", "I"))));
        assertTrue(error.getMessage().contains("message Data has a field of type B[]"), error.getMessage());
    }

    @Test
    void aLineThatDoesNotParseSaysWhatWasExpected() {
        var error = assertThrows(ContractException.class, () -> ContractSpec.parse("Typo", List.of(
                "A clint: Ping -> B", "B"), messages("Ping")));
        assertTrue(error.getMessage().contains("cannot read state \"A clint: Ping -> B\""), error.getMessage());
    }
}
