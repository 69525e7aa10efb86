package singj.kernel.isolate;

/** A frame that does not follow the wire's rules ({@link Wire}): from a child, a violation by its SIP. */
final class WireException extends RuntimeException {
    WireException(String message) {
        super(message);
    }
}
