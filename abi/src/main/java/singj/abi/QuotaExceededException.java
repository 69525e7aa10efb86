package singj.abi;

/**
 * A SIP asked the kernel for one more of a resource its starter limits (a thread, a channel end, a
 * registered name, a client waiting at one of its names) and already holds its quota of them. The
 * SIP keeps running and keeps what it holds; it may catch this, give something back and try again.
 */
public final class QuotaExceededException extends RuntimeException {
    private final String quota;
    private final long limit;

    public QuotaExceededException(String quota, long limit, String message) {
        super(message);
        this.quota = quota;
        this.limit = limit;
    }

    /** Which quota: {@code threads}, {@code channels}, {@code names} or {@code accepts}. */
    public String quota() {
        return quota;
    }

    /** Its limit for this SIP. */
    public long limit() {
        return limit;
    }
}
