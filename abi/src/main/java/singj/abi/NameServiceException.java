package singj.abi;

/** A name that cannot be registered or opened: not granted by the program's manifest, taken, or not there. */
public final class NameServiceException extends RuntimeException {
    public NameServiceException(String message) {
        super(message);
    }
}
