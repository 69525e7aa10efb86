package singj.abi;

/**
 * A device operation failed: the device is not granted or is held by another SIP, the range lies
 * outside the device or the block, the host reported an I/O error, or the device was closed
 * ({@link #closed()}: its holder is ending, or the kernel shut down). The message says which.
 */
public final class DeviceException extends RuntimeException {
    private final boolean closed;

    public DeviceException(String message, boolean closed) {
        super(message);
        this.closed = closed;
    }

    /** Whether the device is closed for this SIP: no later operation can succeed. */
    public boolean closed() {
        return closed;
    }
}
