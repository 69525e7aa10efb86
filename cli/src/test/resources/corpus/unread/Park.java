import singj.abi.Contract;
import singj.abi.Message;

/** Up to sixteen notes before the server answers: a queue of sixteen a client can fill. */
@Contract({
    "S0 client: Note -> S1",
    "S1 client: Note -> S2",
    "S2 client: Note -> S3",
    "S3 client: Note -> S4",
    "S4 client: Note -> S5",
    "S5 client: Note -> S6",
    "S6 client: Note -> S7",
    "S7 client: Note -> S8",
    "S8 client: Note -> S9",
    "S9 client: Note -> S10",
    "S10 client: Note -> S11",
    "S11 client: Note -> S12",
    "S12 client: Note -> S13",
    "S13 client: Note -> S14",
    "S14 client: Note -> S15",
    "S15 client: Note -> S16",
    "S16 server: Ack -> S0"
})
public interface Park {
    record Note(String text) implements Message {}
    record Ack() implements Message {}
}
