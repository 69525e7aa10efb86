package singj.abi.runtime;

import singj.abi.Block;

/**
 * The kernel's side of a device a driver SIP holds, behind a {@link singj.abi.Device}. The
 * kernel does the I/O: it moves bytes between the device and the caller's exchange-heap block
 * directly, and checks every position against the device's size.
 */
public interface DevicePort {
    String name();

    /** The device's size in bytes. */
    long size();

    /** Reads {@code length} bytes at {@code position} into {@code block} at {@code offset}. */
    void read(long position, Block block, long offset, long length);

    /** Writes {@code length} bytes of {@code block} from {@code offset} to the device at {@code position}. */
    void write(long position, Block block, long offset, long length);

    /** Returns once everything written so far is on the device's stable storage. */
    void flush();
}
