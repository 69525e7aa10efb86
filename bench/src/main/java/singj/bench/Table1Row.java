package singj.bench;

/**
 * The rows of Singularity's Table 1 (Hunt et al., "Sealing OS Processes to Improve Dependability
 * and Safety", 2007): each SingJ operation (a {@link Table1} benchmark), the Linux baseline it is
 * measured against, and the ratio Singularity reported against its best competitor (Linux/Singularity
 * cost). For exchange-1mib, Singularity's figure is a flat cost, whatever the size; the bar is 10x.
 */
public enum Table1Row {
    API_CALL("api-call", "apiCall", LinuxBaseline.GETPID, 5.5, null,
            "Sip.pid() through the ABI vs syscall(SYS_getpid)"),
    THREAD_YIELD("thread-yield", "threadYield", LinuxBaseline.YIELD, 2.5, "Thread.yield, 2 SIP threads",
            "Thread.yield() between two virtual threads of a SIP vs sched_yield between two threads pinned to one CPU"),
    WAITSET_PING_PONG("waitset-ping-pong", "waitsetPingPong", LinuxBaseline.CONDVAR, 3.3, "WaitEvent, 2 SIP threads",
            "two virtual threads of a SIP and two WaitEvents vs two threads and a pthread condvar"),
    MESSAGE_PING_PONG("message-ping-pong", "messagePingPong", LinuxBaseline.PIPE, 5.6, "channel, 2 SIPs' threads",
            "Ping/Pong between the virtual threads of two SIPs over a channel vs two pipes between two processes"),
    PROCESS_CREATE("process-create", "processCreate", LinuxBaseline.SPAWN, 1.85, "spawn, SIP main thread",
            "spawn and reap a SIP of an installed program vs posix_spawn + waitpid"),
    EXCHANGE_1MIB("exchange-1mib", "exchange1MiB", LinuxBaseline.PIPE_1MIB, 10.0, "channel, host thread to SIP thread",
            "a 1 MiB exchange-heap block to another SIP and back vs 1 MiB each way over pipes");

    private final String operation;
    private final String benchmark;
    private final LinuxBaseline baseline;
    private final double singularityRatio;
    /** Which threads the row's SIP side runs on and how they meet; null: no SIP thread of its own (a call on the benchmark thread). */
    private final String threads;
    private final String description;

    Table1Row(String operation, String benchmark, LinuxBaseline baseline, double singularityRatio, String threads,
            String description) {
        this.operation = operation;
        this.benchmark = benchmark;
        this.baseline = baseline;
        this.singularityRatio = singularityRatio;
        this.threads = threads;
        this.description = description;
    }

    /**
     * What the row's SIP side ran on, for the table: its threads and how they meet, on
     * {@code sipThreads} (the scheduler the benchmark's JVM gave SIP threads, e.g. {@code singj-carriers}).
     */
    public String mechanism(String sipThreads) {
        return threads == null ? "call, no thread switch" : threads + " on " + sipThreads;
    }

    /** The row's name in the table and the JSON. */
    public String operation() {
        return operation;
    }

    /** The {@link Table1} method that measures the SingJ side. */
    public String benchmark() {
        return benchmark;
    }

    /** The JMH pattern that selects exactly this row's benchmark. */
    String jmhPattern() {
        return java.util.regex.Pattern.quote(Table1.class.getName() + "." + benchmark) + "$";
    }

    public LinuxBaseline baseline() {
        return baseline;
    }

    /** Linux cost / Singularity cost, as Singularity reported it: the bar for SingJ's ratio. */
    public double singularityRatio() {
        return singularityRatio;
    }

    public String description() {
        return description;
    }
}
