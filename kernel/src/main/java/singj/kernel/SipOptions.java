package singj.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import singj.abi.Endpoint;
import singj.kernel.files.DirectoryGrant;
import singj.kernel.files.FsGrant;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Quotas;

/**
 * How to start one SIP, and what its starter grants it. A program's manifest only asks for names
 * and an exchange quota; the SIP gets what it asked within what is offered here (see {@link Grant}).
 *
 * @param args the arguments its {@code main} receives
 * @param stdio its standard streams
 * @param memoryQuota heap quota in bytes; 0 takes the program's, then the kernel's default
 * @param timeLimit kill it after this long; {@code null} for no limit
 * @param environment what {@code System.getenv} shows it
 * @param endpoints endpoints it gets at start, by the names its manifest declares ({@code SingJ-Endpoints});
 *     each moves to the new SIP: the object given here is dead once it starts
 * @param grants the names the starter will let it register and open, of those it asks; {@code null}
 *     for any it asks (the names under {@value Grants#SYSTEM_PREFIX} never go to a user program)
 * @param quotas its quotas of kernel resources; a field left 0 takes the kernel's default (the
 *     exchange quota: what the program asks, up to the kernel's default)
 * @param directories the host directories it may reach through the file APIs, at their mount paths
 *     (the first is its working directory)
 * @param fileSystem a directory of the file system SIP it may reach through the file APIs, or null:
 *     the endpoint moves to the new SIP (see {@link FsGrant})
 */
public record SipOptions(List<String> args, Stdio stdio, long memoryQuota, Duration timeLimit,
                         Map<String, String> environment, Map<String, Endpoint<?>> endpoints, Grants grants,
                         Quotas quotas, List<DirectoryGrant> directories, FsGrant fileSystem) {
    public SipOptions {
        directories = List.copyOf(directories);
        args = List.copyOf(args);
        Objects.requireNonNull(stdio, "stdio");
        environment = Map.copyOf(environment);
        endpoints = Map.copyOf(endpoints);
        Objects.requireNonNull(quotas, "quotas (Quotas.UNSET for the defaults)");
        if (memoryQuota < 0) {
            throw new IllegalArgumentException("memory quota must not be negative: " + memoryQuota);
        }
    }

    public SipOptions(List<String> args, Stdio stdio, long memoryQuota, Duration timeLimit,
                      Map<String, String> environment, Map<String, Endpoint<?>> endpoints, Grants grants, Quotas quotas) {
        this(args, stdio, memoryQuota, timeLimit, environment, endpoints, grants, quotas, List.of(), null);
    }

    public SipOptions(List<String> args, Stdio stdio, long memoryQuota, Duration timeLimit, Map<String, String> environment) {
        this(args, stdio, memoryQuota, timeLimit, environment, Map.of(), null, Quotas.UNSET);
    }

    public static SipOptions of(Stdio stdio, String... args) {
        return new SipOptions(List.of(args), stdio, 0, null, Map.of());
    }

    public SipOptions withArgs(List<String> newArgs) {
        return new SipOptions(newArgs, stdio, memoryQuota, timeLimit, environment, endpoints, grants, quotas, directories, fileSystem);
    }

    public SipOptions withMemoryQuota(long bytes) {
        return new SipOptions(args, stdio, bytes, timeLimit, environment, endpoints, grants, quotas, directories, fileSystem);
    }

    public SipOptions withTimeLimit(Duration limit) {
        return new SipOptions(args, stdio, memoryQuota, limit, environment, endpoints, grants, quotas, directories, fileSystem);
    }

    public SipOptions withEnvironment(Map<String, String> env) {
        return new SipOptions(args, stdio, memoryQuota, timeLimit, env, endpoints, grants, quotas, directories, fileSystem);
    }

    /** The same, with {@code endpoint} given to the SIP at start under {@code name}. */
    public SipOptions withEndpoint(String name, Endpoint<?> endpoint) {
        Map<String, Endpoint<?>> more = new java.util.HashMap<>(endpoints);
        more.put(name, endpoint);
        return new SipOptions(args, stdio, memoryQuota, timeLimit, environment, more, grants, quotas, directories, fileSystem);
    }

    /** The same, granting at most {@code names} of the names the program asks for. */
    public SipOptions withGrants(Grants names) {
        return new SipOptions(args, stdio, memoryQuota, timeLimit, environment, endpoints, names, quotas, directories, fileSystem);
    }

    /** The same, granting these host directories (the first is the working directory). */
    public SipOptions withDirectories(List<DirectoryGrant> granted) {
        return new SipOptions(args, stdio, memoryQuota, timeLimit, environment, endpoints, grants, quotas, granted, fileSystem);
    }

    /** The same, granting this directory of the file system SIP (null: none). */
    public SipOptions withFileSystem(FsGrant directory) {
        return new SipOptions(args, stdio, memoryQuota, timeLimit, environment, endpoints, grants, quotas, directories, directory);
    }

    /** The same, with these quotas (fields left 0 take the defaults). */
    public SipOptions withQuotas(Quotas limits) {
        return new SipOptions(args, stdio, memoryQuota, timeLimit, environment, endpoints, grants, limits, directories, fileSystem);
    }
}
