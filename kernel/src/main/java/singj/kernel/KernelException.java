package singj.kernel;

/** A request the kernel cannot carry out; the message says what and why, for a person. */
public class KernelException extends RuntimeException {
    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
