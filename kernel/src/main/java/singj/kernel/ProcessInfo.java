package singj.kernel;

import java.time.Duration;

/** One row of the process table, as {@code ps} shows it. */
public record ProcessInfo(int pid, String program, SipState state, int threads, long memoryBytes,
                          Duration uptime, boolean system) {}
