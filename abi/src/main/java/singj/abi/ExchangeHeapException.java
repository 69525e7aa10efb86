package singj.abi;

/**
 * An exchange-heap operation that cannot be done: the SIP's quota or the heap itself is
 * exhausted, or a block was used after it was sent or freed. Other SIPs are never affected.
 */
public final class ExchangeHeapException extends RuntimeException {
    public ExchangeHeapException(String message) {
        super(message);
    }
}
