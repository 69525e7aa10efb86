package singj.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import singj.installer.RejectedProgramException;
import singj.installer.SealCache;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.files.DirectoryGrant;
import singj.kernel.ipc.Quotas;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.Proc;

@Command(name = "run", description = {
        "Boots a kernel, runs one program as a SIP with its standard streams connected to yours, "
                + "shuts down, and exits with the SIP's exit code (137 if it was killed).",
        "A jar is verified and sealed once: the sealed form is kept in the image's cache, found again by the digest "
                + "of the jar and its Class-Path jars ($SINGJ_SEAL_CACHE sets its size, default 256m); a name runs an installed program."})
final class RunCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    ImageOption image = new ImageOption();

    @Option(names = "--kill-after", paramLabel = "DURATION", converter = Units.DurationConverter.class,
            description = "Kill the SIP after this long, e.g. 500ms, 2s, 1m.")
    Duration killAfter;

    @Option(names = "--memory", paramLabel = "SIZE", converter = Units.SizeConverter.class,
            description = "The SIP's heap quota, e.g. 64m, 1g (default: a quarter of the JVM heap, at most 512 MiB).")
    Long memory;

    @Option(names = "--threads", paramLabel = "N",
            description = "The most threads the SIP may have that have not ended (default: 1024).")
    int threads;

    @Option(names = "--channels", paramLabel = "N",
            description = "The most channel ends the SIP may hold (default: 4096).")
    int channels;

    @Option(names = "--names", paramLabel = "N", description = "The most names the SIP may register (default: 256).")
    int names;

    @Option(names = "--accepts", paramLabel = "N",
            description = "The most clients that may wait at the SIP's names to be accepted (default: 1024).")
    int accepts;

    @Option(names = "--exchange", paramLabel = "SIZE", converter = Units.SizeConverter.class,
            description = "The SIP's exchange-heap quota (default: what its manifest asks, at most 64m).")
    Long exchange;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Set a variable in the SIP's environment (repeatable).")
    Map<String, String> env = Map.of();

    @Option(names = "--dir", paramLabel = "HOST:PATH",
            description = "Grant the host directory HOST read-only, seen by the program at PATH (repeatable; the first "
                    + "is its working directory), e.g. --dir .:/work. Nothing outside a granted directory is reachable.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--dir-rw", paramLabel = "HOST:PATH",
            description = "Grant the host directory HOST read-write, seen at PATH (repeatable).")
    List<String> dirsReadWrite = new ArrayList<>();

    @Option(names = "--main", paramLabel = "CLASS", description = "The main class, if the jar's manifest names none.")
    String mainClass;

    @Option(names = "--isolation", paramLabel = "MODE", converter = IsolationConverter.class,
            description = "in-process (default): the SIP shares the kernel's JVM; process: it runs in a JVM of its own, "
                    + "with the same ABI (docs/isolation.md).")
    Isolation isolation = Isolation.IN_PROCESS;

    /** Where the SIP runs. */
    enum Isolation {
        IN_PROCESS, PROCESS;

        static Isolation parse(String value) {
            return switch (value) {
                case "in-process" -> IN_PROCESS;
                case "process" -> PROCESS;
                default -> throw new IllegalArgumentException("isolation is in-process or process, not '" + value + "'");
            };
        }
    }

    static final class IsolationConverter implements picocli.CommandLine.ITypeConverter<Isolation> {
        @Override
        public Isolation convert(String value) {
            return Isolation.parse(value);
        }
    }

    @Option(names = "--no-cache", description = "Verify and seal the jar even if the image's cache holds it sealed, "
            + "and keep nothing in the cache.")
    boolean noCache;

    @Parameters(index = "0", paramLabel = "PROGRAM|JAR", description = "An installed program's name, or a jar file.")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program's main.")
    List<String> args = new ArrayList<>();

    /** The granted directories in the order given: the read-only ones, then the read-write ones. */
    private List<DirectoryGrant> directories() {
        List<DirectoryGrant> grants = new ArrayList<>();
        dirs.forEach(spec -> grants.add(DirectoryGrant.parse(spec, false)));
        dirsReadWrite.forEach(spec -> grants.add(DirectoryGrant.parse(spec, true)));
        return grants;
    }

    RunCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        SystemImage systemImage = image.open();
        try (Kernel kernel = Kernel.boot(systemImage, KernelConfig.defaults())) {
            SealedProgram sealed;
            if (ImageAndJars.looksLikeJar(program)) {
                SealCache cache = noCache ? SealCache.of(systemImage, 0) : ImageOption.sealCache(systemImage);
                try {
                    sealed = cache.seal(Path.of(program), mainClass);
                } catch (RejectedProgramException rejected) {
                    VerifyCommand.printViolations(rejected.report(), terminal.err());
                    return Errors.BAD_INPUT;
                }
            } else {
                sealed = systemImage.load(program);
            }
            if (threads < 0 || channels < 0 || names < 0 || accepts < 0) {
                terminal.err().println("singj run: quotas must be positive numbers");
                return Errors.BAD_INPUT;
            }
            List<DirectoryGrant> directories;
            try {
                directories = directories();
            } catch (IllegalArgumentException e) {
                terminal.err().println("singj run: " + e.getMessage());
                return Errors.BAD_INPUT;
            }
            if (!directories.isEmpty() && isolation == Isolation.PROCESS) {
                terminal.err().println("singj run: --dir and --dir-rw are not yet available with --isolation process");
                return Errors.BAD_INPUT;
            }
            SipOptions options = new SipOptions(args, new Stdio(terminal.in(), terminal.out(), terminal.err()),
                    memory == null ? 0 : memory, killAfter, env)
                    .withQuotas(new Quotas(threads, channels, names, accepts, exchange == null ? 0 : exchange))
                    .withDirectories(directories);
            Proc sip;
            try {
                sip = isolation == Isolation.PROCESS ? kernel.spawnIsolated(sealed, options) : kernel.spawn(sealed, options);
            } catch (IllegalArgumentException e) { // a granted directory that cannot be opened, said with its option
                terminal.err().println("singj run: " + e.getMessage());
                return Errors.BAD_INPUT;
            }
            ExitStatus status = sip.awaitExit();
            terminal.out().flush();
            if (status.wasKilled()) {
                terminal.err().println("singj: killed SIP " + sip.pid() + " (" + sip.program() + "): " + status.detail());
            }
            return status.code();
        }
    }
}
