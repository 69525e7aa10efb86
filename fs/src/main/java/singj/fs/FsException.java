package singj.fs;

/**
 * A file system operation refused, with the error name of the {@code Directory} contract
 * ({@link #error()}: not-found, exists, no-space, ...) and a sentence saying what and where. The
 * operation changed nothing.
 */
public class FsException extends RuntimeException {
    private final String error;

    public FsException(String error, String message) {
        super(message);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
