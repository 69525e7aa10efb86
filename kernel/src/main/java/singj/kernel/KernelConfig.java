package singj.kernel;

/**
 * Settings for one kernel.
 *
 * @param defaultMemoryQuota heap quota of a SIP whose program and options name none
 */
public record KernelConfig(long defaultMemoryQuota) {
    public static final long MIB = 1024 * 1024;

    /** A quarter of the JVM's heap, at most 512 MiB: room for a few SIPs at their quota. */
    public static KernelConfig defaults() {
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
        return new KernelConfig(Math.min(512 * MIB, quarterHeap));
    }
}
