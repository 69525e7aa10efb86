package singj.kernel.proc;

import java.time.Duration;
import singj.kernel.Grant;

/**
 * One row of the process table, as {@code ps} shows it: what the SIP uses and what it was granted.
 *
 * @param channels channel ends it holds
 * @param names names it has registered
 * @param accepts clients waiting at its names to be accepted
 * @param parentPid the SIP that started it through the process manager, or 0
 * @param holdUp for a SIP that stays {@link SipState#STOPPING}: why a thread of it has not stopped
 *     ({@link Proc#holdUp}), or ""
 */
public record ProcessInfo(int pid, String program, SipState state, int threads, long memoryBytes,
                          Duration uptime, boolean system, int channels, int names, int accepts, Grant grant,
                          int parentPid, String holdUp) {}
