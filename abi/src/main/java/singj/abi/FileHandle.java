package singj.abi;

/**
 * The contract of an open file, whose endpoint a {@link Directory.OpenFile} gives: holding it is
 * the right to read and write that one file. The channel keeps a position, which reads and writes
 * advance and {@link Seek} sets. Data travels in exchange-heap blocks the client provides and gets
 * back in the answer ({@link Failed#block()} is the request's block, null if it had none).
 *
 * <p>A {@link Written} write is visible to every reader at once and survives a crash once a
 * {@link Fsync} is answered ({@link Synced}). Each write request is atomic across a crash: after
 * recovery the file holds all of it or none of it. Errors are those of {@link Directory}.
 * Closing the endpoint closes the file; so does the end of the client SIP, and the data is intact.
 */
@Contract({
    "READY      client: Read -> READING, Write -> WRITING, Seek -> SEEKING, Truncate -> TRUNCATING, "
            + "Fsync -> SYNCING, Stat -> STATING",
    "READING    server: Data -> READY, Failed -> READY",
    "WRITING    server: Written -> READY, Failed -> READY",
    "SEEKING    server: Position -> READY, Failed -> READY",
    "TRUNCATING server: Truncated -> READY, Failed -> READY",
    "SYNCING    server: Synced -> READY, Failed -> READY",
    "STATING    server: Status -> READY, Failed -> READY"
})
public interface FileHandle {
    /** Reads up to {@code length} bytes at the position into the start of {@code into}. */
    record Read(int length, Block into) implements Message {}

    /** @param length bytes read into the block, 0 at the end of the file */
    record Data(Block block, int length) implements Message {}

    /** Writes the first {@code length} bytes of {@code from} at the position. */
    record Write(int length, Block from) implements Message {}

    /** The block back, all {@code length} bytes written. */
    record Written(Block block, int length) implements Message {}

    /** Sets the position (it may lie past the end: a write there leaves a hole that reads as zeros). */
    record Seek(long position) implements Message {}

    record Position(long position) implements Message {}

    /** Sets the file's size, cutting or extending with zeros. */
    record Truncate(long size) implements Message {}

    record Truncated(long size) implements Message {}

    /** Makes every write so far durable. */
    record Fsync() implements Message {}

    record Synced() implements Message {}

    record Stat() implements Message {}

    record Status(long size, long position, long inode) implements Message {}

    /** @param error one of the error names of {@link Directory}; {@code block} is the request's, or null */
    record Failed(String error, String reason, Block block) implements Message {}
}
