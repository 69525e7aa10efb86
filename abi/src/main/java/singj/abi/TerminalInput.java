package singj.abi;

/**
 * The contract of a SIP's standard input from the console: the kernel asks for up to {@code max}
 * bytes when the SIP reads, and the console answers with what the user typed (a line at a time)
 * or the end of input. The shell gives the console one such channel for each program it runs in
 * the foreground.
 */
@Contract({
    "IDLE    client: Read -> READING",
    "READING server: Data -> IDLE, EndOfInput -> IDLE"
})
public interface TerminalInput {
    record Read(int max) implements Message {}

    /** Bytes typed, one char per byte (ISO-8859-1), at most what was asked for. */
    record Data(String bytes) implements Message {}

    record EndOfInput() implements Message {}
}
