package singj.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import singj.bench.IdleSipScale;
import singj.bench.KillLatency;
import singj.bench.Table1Result;
import singj.bench.Table1Run;
import singj.bench.Table1Settings;

/**
 * {@code singj bench}: Singularity's Table 1 on SingJ, each row beside its Linux baseline measured
 * in the same run (the {@code bench} module: JMH for the SingJ side, small C programs for Linux);
 * or, with {@code --scale N}, N idle SIPs: creation time, heap per SIP, and a check that killing
 * them returns everything; or, with {@code --kill}, the time from a kill to the SIP's release over
 * programs that never end by themselves.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Singularity's Table 1 on SingJ: api-call, thread-yield, waitset-ping-pong, message-ping-pong, "
                        + "process-create and exchange-1mib, each SingJ figure (JMH, through the SIP ABI) beside its Linux "
                        + "baseline (C, built with the machine's cc) measured in the same run, with the ratio Linux/SingJ "
                        + "and Singularity's own ratio.",
                "The full run takes 5 to 7 minutes, --quick about 3. Progress goes to standard error.",
                "Ratios, not absolute times, are what to compare: on a shared machine the CPU a program gets drifts."},
        footer = {"", "Examples:", "  singj bench --quick", "  singj bench --json > table1.json",
                "  singj bench --scale 10000        (with SINGJ_JAVA_OPTS=-Xmx1g to hold it to 1 GiB of heap)",
                "  singj bench --kill               (about 5 minutes)",
                "  singj bench --process            (a SIP in its own JVM process)",
                "  singj bench --figure5            (Singularity's Figure 5: the unsafe code tax)",
                "  singj bench --kill --rounds 3 --workloads regex,sort"})
final class BenchCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--quick", description = "Fewer and shorter rounds: about 3 minutes on 2 cores, ratios stable to about 20%%.")
    boolean quick;

    @Option(names = "--json", description = "Print only JSON on standard output: an array with one object per row "
            + "(operation, baseline_ns, singj_ns, ratio, singularity_ratio, ...); with --scale, one object.")
    boolean json;

    @Option(names = "--scale", paramLabel = "N", description = "Instead of the table: start N idle SIPs, report the time "
            + "per SIP creation and the heap per idle SIP, kill them all and check every resource came back.")
    Integer scale;

    @Option(names = "--kill", description = "Instead of the table: kill-to-released latency (p50, p99, max) over "
            + "programs that never end by themselves, killed 100 ms into their endless code, on an idle JVM and beside "
            + "2 spinning host threads. Exit code 1 if a round failed: a kill not complete within 10 s, or a SIP left with threads.")
    boolean kill;

    @Option(names = "--process", description = "Instead of the table: what a SIP in its own JVM process costs "
            + "(docs/isolation.md): its start beside an in-process SIP's and java -jar's, and message round trips for each "
            + "placement of the two SIPs (about 2 minutes).")
    boolean process;

    @Option(names = "--figure5", description = "Instead of the table: Singularity's Figure 5 (docs/performance.md): the "
            + "pipeline source -> filter -> sink with 64 B messages and 1 MiB blocks, all SIPs in one JVM, the same without "
            + "runtime checks, the filter in its own process, every SIP in its own process, and plain Linux processes over "
            + "pipes, side by side in each round (about 1 minute a round; default 3 rounds).")
    boolean figure5;

    @Option(names = "--workloads", paramLabel = "NAME", split = ",", converter = WorkloadConverter.class,
            completionCandidates = WorkloadNames.class,
            description = "With --kill, only these (default: all): ${COMPLETION-CANDIDATES}.")
    List<KillLatency.Workload> workloads;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds to run (default: 3 with --quick, 5 otherwise; "
            + "with --kill, kills per workload and column, default " + KillLatency.DEFAULT_ROUNDS + ").")
    Integer rounds;

    BenchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (rounds != null && rounds <= 0) {
            terminal.err().println("singj: --rounds needs a positive number");
            return 2;
        }
        if (workloads != null && !kill) {
            terminal.err().println("singj: --workloads chooses among the programs of --kill");
            return 2;
        }
        if (figure5) {
            terminal.out().println(singj.bench.Figure5Bench.run(rounds == null ? 3 : rounds, terminal.err()));
            return 0;
        }
        if (process) {
            terminal.out().println(singj.bench.ProcessIsolationBench.run(rounds == null ? 5 : rounds, terminal.err()));
            return 0;
        }
        if (kill) {
            if (scale != null) {
                terminal.err().println("singj: --kill and --scale are separate runs; give one");
                return 2;
            }
            return killLatency();
        }
        if (scale != null) {
            if (scale <= 0) {
                terminal.err().println("singj: --scale needs a positive number of SIPs");
                return 2;
            }
            IdleSipScale.Result result = IdleSipScale.run(scale, terminal.err());
            terminal.out().println(json ? result.toJson() : result.report());
            return result.totalLeaked() == 0 ? 0 : 1;
        }
        Table1Settings settings = quick ? Table1Settings.quick() : Table1Settings.full();
        if (rounds != null) {
            settings = new Table1Settings(settings.name(), rounds, settings.warmupIterations(), settings.warmupTime(),
                    settings.iterations(), settings.iterationTime(), settings.forks(), settings.baselineShare());
        }
        Table1Run run = Table1Run.standard(settings, terminal.err());
        List<Table1Result> results = run.run();
        terminal.out().println(json ? Table1Run.json(results) : run.table(results));
        return 0;
    }

    private int killLatency() throws InterruptedException {
        List<KillLatency.Workload> chosen = workloads == null ? List.of(KillLatency.Workload.values())
                : workloads.stream().distinct().sorted().toList();
        KillLatency.Result result = KillLatency.run(chosen, rounds == null ? KillLatency.DEFAULT_ROUNDS : rounds,
                terminal.err());
        terminal.out().println(json ? result.toJson() : result.report());
        if (!result.failures().isEmpty()) {
            terminal.err().println("singj: " + result.failures().size() + " kill rounds failed (see the report)");
            return 1;
        }
        return 0;
    }

    /** A workload of {@code --kill} by its name. */
    static final class WorkloadConverter implements CommandLine.ITypeConverter<KillLatency.Workload> {
        @Override
        public KillLatency.Workload convert(String name) {
            try {
                return KillLatency.Workload.named(name.strip());
            } catch (IllegalArgumentException unknown) {
                throw new CommandLine.TypeConversionException(unknown.getMessage());
            }
        }
    }

    /** The names {@code --workloads} takes, for its help. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(KillLatency.Workload.values()).map(workload -> workload.label).iterator();
        }
    }
}
