package singj.bench;

/**
 * A Linux baseline could not be built or measured: no C compiler, a compiler error, or a
 * baseline program that failed. The message is meant to be shown as it is.
 */
public final class NativeBaselineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NativeBaselineException(String message) {
        super(message);
    }

    NativeBaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
