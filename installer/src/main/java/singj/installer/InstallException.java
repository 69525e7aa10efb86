package singj.installer;

/** A program that cannot be verified or installed, for a reason outside the program's code. */
public class InstallException extends RuntimeException {
    public InstallException(String message) {
        super(message);
    }

    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
