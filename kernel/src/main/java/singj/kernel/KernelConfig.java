package singj.kernel;

/**
 * Settings for one kernel.
 *
 * @param defaultMemoryQuota heap quota of a SIP whose program and options name none
 * @param exchangeHeapBytes how much memory the exchange heap may take, for all SIPs together
 * @param defaultExchangeQuota exchange-heap quota of a SIP whose manifest names none
 */
public record KernelConfig(long defaultMemoryQuota, long exchangeHeapBytes, long defaultExchangeQuota) {
    public static final long MIB = 1024 * 1024;
    /** Default exchange heap: blocks of every SIP together. */
    public static final long DEFAULT_EXCHANGE_HEAP = 1024 * MIB;
    /** Default exchange quota of one SIP. */
    public static final long DEFAULT_EXCHANGE_QUOTA = 64 * MIB;

    public KernelConfig(long defaultMemoryQuota) {
        this(defaultMemoryQuota, DEFAULT_EXCHANGE_HEAP, DEFAULT_EXCHANGE_QUOTA);
    }

    /** A quarter of the JVM's heap, at most 512 MiB: room for a few SIPs at their quota. */
    public static KernelConfig defaults() {
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
        return new KernelConfig(Math.min(512 * MIB, quarterHeap));
    }
}
