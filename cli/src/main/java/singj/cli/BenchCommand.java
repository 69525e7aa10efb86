package singj.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import singj.bench.IdleSipScale;
import singj.bench.Table1Result;
import singj.bench.Table1Run;
import singj.bench.Table1Settings;

/**
 * {@code singj bench}: Singularity's Table 1 on SingJ, each row beside its Linux baseline measured
 * in the same run (the {@code bench} module: JMH for the SingJ side, small C programs for Linux);
 * or, with {@code --scale N}, N idle SIPs: creation time, heap per SIP, and a check that killing
 * them returns everything.
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
                "  singj bench --scale 10000        (with SINGJ_JAVA_OPTS=-Xmx1g to hold it to 1 GiB of heap)"})
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

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds to run (default: 3 with --quick, 5 otherwise).")
    Integer rounds;

    BenchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
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
            if (rounds <= 0) {
                terminal.err().println("singj: --rounds needs a positive number");
                return 2;
            }
            settings = new Table1Settings(settings.name(), rounds, settings.warmupIterations(), settings.warmupTime(),
                    settings.iterations(), settings.iterationTime(), settings.forks(), settings.baselineShare());
        }
        Table1Run run = Table1Run.standard(settings, terminal.err());
        List<Table1Result> results = run.run();
        terminal.out().println(json ? Table1Run.json(results) : run.table(results));
        return 0;
    }
}
