package singj.abi;

/**
 * The contract of a block device, served by a disk driver SIP at {@code /dev/NAME} (read and
 * write) and {@code /dev/NAME/read-only}: the device is an array of sectors of
 * {@link #SECTOR_SIZE} bytes, numbered from 0. One request at a time per channel; a client that
 * wants requests in flight at once opens more channels.
 *
 * <p>The data travels in exchange-heap blocks the client provides: a {@link Read} carries the
 * block the sectors are read into, a {@link Write} the block whose bytes are written, and the
 * answer carries the same block back, whatever the outcome ({@link Failed#block()} is null only if
 * the request carried none). Nothing is copied between the device and the block.
 *
 * <p>A {@link Written} sector may still be only in the host's cache; once {@link Flushed} answers a
 * {@link Flush}, every sector written before it is on stable storage and survives a crash of the
 * driver, the kernel or the host. If the driver ends with a request in flight, the channel closes
 * ({@code ChannelClosedException}): that request may or may not have reached the device, and no
 * answer to it is ever sent.
 */
@Contract({
    "READY      client: Describe -> DESCRIBING, Read -> READING, Write -> WRITING, Flush -> FLUSHING",
    "DESCRIBING server: Geometry -> READY",
    "READING    server: Data -> READY, Failed -> READY",
    "WRITING    server: Written -> READY, Failed -> READY",
    "FLUSHING   server: Flushed -> READY, Failed -> READY"
})
public interface BlockDevice {
    /** Bytes per sector. */
    int SECTOR_SIZE = 512;

    /** {@link Failed#error()}: the sectors asked for lie (partly) beyond the device's last sector, or the count is not positive. */
    String OUT_OF_RANGE = "out-of-range";
    /** The block is missing or too small for the sectors asked for. */
    String BAD_BLOCK = "bad-block";
    /** The host reported an error reading, writing or flushing the device (the message says what). */
    String IO_ERROR = "io-error";
    /** A write or flush through the read-only name. */
    String READ_ONLY = "read-only";
    /** The driver lost the device (it is ending, or the kernel shut down): no later request can succeed. */
    String CLOSED = "closed";

    /** Asks for the device's geometry. */
    record Describe() implements Message {}

    /** @param writable whether this channel may write (false through the read-only name) */
    record Geometry(String device, long sectors, int sectorSize, boolean writable) implements Message {}

    /** Reads {@code count} sectors from {@code sector} into the first {@code count * SECTOR_SIZE} bytes of {@code into}. */
    record Read(long sector, int count, Block into) implements Message {}

    /** The block of the {@link Read}, holding the sectors read. */
    record Data(Block block) implements Message {}

    /** Writes the first {@code count * SECTOR_SIZE} bytes of {@code from} to {@code count} sectors from {@code sector}. */
    record Write(long sector, int count, Block from) implements Message {}

    /** The block of the {@link Write}, given back once its bytes are on the device (not yet flushed). */
    record Written(Block block) implements Message {}

    /** Asks that every sector written so far be made durable. */
    record Flush() implements Message {}

    record Flushed() implements Message {}

    /**
     * The request failed; nothing was read into the block, and a failed write may have reached
     * some of its sectors (as a disk's can).
     *
     * @param error one of {@link #OUT_OF_RANGE}, {@link #BAD_BLOCK}, {@link #IO_ERROR},
     *     {@link #READ_ONLY}, {@link #CLOSED}
     * @param reason what failed and where, for a person
     * @param block the request's block, back to its client; null if it carried none
     */
    record Failed(String error, String reason, Block block) implements Message {}
}
