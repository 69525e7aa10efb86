package singj.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one SIP.
 *
 * @param args the arguments its {@code main} receives
 * @param stdio its standard streams
 * @param memoryQuota heap quota in bytes; 0 takes the program's, then the kernel's default
 * @param timeLimit kill it after this long; {@code null} for no limit
 * @param environment what {@code System.getenv} shows it
 */
public record SipOptions(List<String> args, Stdio stdio, long memoryQuota, Duration timeLimit,
                         Map<String, String> environment) {
    public SipOptions {
        args = List.copyOf(args);
        Objects.requireNonNull(stdio, "stdio");
        environment = Map.copyOf(environment);
        if (memoryQuota < 0) {
            throw new IllegalArgumentException("memory quota must not be negative: " + memoryQuota);
        }
    }

    public static SipOptions of(Stdio stdio, String... args) {
        return new SipOptions(List.of(args), stdio, 0, null, Map.of());
    }

    public SipOptions withArgs(List<String> newArgs) {
        return new SipOptions(newArgs, stdio, memoryQuota, timeLimit, environment);
    }

    public SipOptions withMemoryQuota(long bytes) {
        return new SipOptions(args, stdio, bytes, timeLimit, environment);
    }

    public SipOptions withTimeLimit(Duration limit) {
        return new SipOptions(args, stdio, memoryQuota, limit, environment);
    }

    public SipOptions withEnvironment(Map<String, String> env) {
        return new SipOptions(args, stdio, memoryQuota, timeLimit, env);
    }
}
