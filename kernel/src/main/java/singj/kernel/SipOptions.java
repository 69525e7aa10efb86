package singj.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import singj.abi.Endpoint;

/**
 * How to start one SIP.
 *
 * @param args the arguments its {@code main} receives
 * @param stdio its standard streams
 * @param memoryQuota heap quota in bytes; 0 takes the program's, then the kernel's default
 * @param timeLimit kill it after this long; {@code null} for no limit
 * @param environment what {@code System.getenv} shows it
 * @param endpoints endpoints it gets at start, by the names its manifest declares ({@code SingJ-Endpoints});
 *     each moves to the new SIP: the object given here is dead once it starts
 */
public record SipOptions(List<String> args, Stdio stdio, long memoryQuota, Duration timeLimit,
                         Map<String, String> environment, Map<String, Endpoint<?>> endpoints) {
    public SipOptions {
        args = List.copyOf(args);
        Objects.requireNonNull(stdio, "stdio");
        environment = Map.copyOf(environment);
        endpoints = Map.copyOf(endpoints);
        if (memoryQuota < 0) {
            throw new IllegalArgumentException("memory quota must not be negative: " + memoryQuota);
        }
    }

    public SipOptions(List<String> args, Stdio stdio, long memoryQuota, Duration timeLimit, Map<String, String> environment) {
        this(args, stdio, memoryQuota, timeLimit, environment, Map.of());
    }

    public static SipOptions of(Stdio stdio, String... args) {
        return new SipOptions(List.of(args), stdio, 0, null, Map.of());
    }

    public SipOptions withArgs(List<String> newArgs) {
        return new SipOptions(newArgs, stdio, memoryQuota, timeLimit, environment, endpoints);
    }

    public SipOptions withMemoryQuota(long bytes) {
        return new SipOptions(args, stdio, bytes, timeLimit, environment, endpoints);
    }

    public SipOptions withTimeLimit(Duration limit) {
        return new SipOptions(args, stdio, memoryQuota, limit, environment, endpoints);
    }

    public SipOptions withEnvironment(Map<String, String> env) {
        return new SipOptions(args, stdio, memoryQuota, timeLimit, env, endpoints);
    }

    /** The same, with {@code endpoint} given to the SIP at start under {@code name}. */
    public SipOptions withEndpoint(String name, Endpoint<?> endpoint) {
        Map<String, Endpoint<?>> more = new java.util.HashMap<>(endpoints);
        more.put(name, endpoint);
        return new SipOptions(args, stdio, memoryQuota, timeLimit, environment, more);
    }
}
