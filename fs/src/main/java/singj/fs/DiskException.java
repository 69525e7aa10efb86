package singj.fs;

/** The disk failed a read, write or flush; the message says which and where. */
public class DiskException extends RuntimeException {
    private final boolean closed;

    public DiskException(String message, boolean closed) {
        super(message);
        this.closed = closed;
    }

    /** Whether the disk is gone for good (its driver ended), rather than one request failing. */
    public boolean closed() {
        return closed;
    }
}
