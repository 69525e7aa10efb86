package singj.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import singj.bench.workloads.StageFilter;
import singj.bench.workloads.StagePipe;
import singj.bench.workloads.StageSink;
import singj.bench.workloads.StageSource;
import singj.kernel.Kernel;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * SingJ's Figure 5 (issue 17; Singularity's "unsafe code tax", Figure 5 of "Singularity:
 * Rethinking the Software Stack"): one three-SIP workload, the pipeline source -> filter -> sink
 * ({@link StageSource}, {@link StageFilter}, {@link StageSink}) with 64-byte messages and 1 MiB
 * blocks, each acknowledged from the sink before the next, in five configurations side by side in
 * each round: all SIPs in the kernel's JVM (the default), the same sealed without kill checks or
 * memory accounting (for measurement only), the filter in a process of its own, every SIP in a
 * process of its own, and plain Linux processes over pipes (C, no SingJ). Each figure is per
 * operation (one message down the pipeline and its acknowledgement back), timed by the source;
 * the ratios to the first configuration are taken within a round, then their median over rounds.
 */
public final class Figure5Bench {
    private static final Pattern BATCH = Pattern.compile("small-ns (\\d+) block-ns (\\d+)");
    private static final int BATCHES = 3;

    /** Where the SIPs run, how they are sealed, and Singularity's figure for the nearest configuration. */
    record Configuration(String name, String singularity, boolean stripped, boolean sourceIsolated,
                                 boolean filterIsolated, boolean sinkIsolated, boolean linux) {
        boolean anyIsolated() {
            return sourceIsolated || filterIsolated || sinkIsolated;
        }
    }

    static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration("all SIPs in one JVM, kill checks + accounting", "0% (all SIPs in ring 0, one domain)",
                    false, false, false, false, false),
            new Configuration("all SIPs in one JVM, no runtime checks", "-4.7% (no runtime checks)",
                    true, false, false, false, false),
            new Configuration("the filter in its own process", "+18.9% (one SIP in a separate domain)",
                    false, false, true, false, false),
            new Configuration("every SIP in its own process", "+37.7% (full microkernel, 3 SIPs in own domains)",
                    false, true, true, true, false),
            new Configuration("plain Linux processes over pipes (C)", "-", false, false, false, false, true));

    /** The three programs, sealed as installed, and sealed then stripped of the runtime checks. */
    /** {@code names}: the directory of the pipeline's names (a name belongs to the program that first registered it). */
    record Programs(SealedProgram source, SealedProgram filter, SealedProgram sink, String names) {
        static Programs seal(boolean stripped) {
            String contract = StagePipe.class.getName();
            return new Programs(
                    strip(SealedPrograms.seal("fig5-source", StageSource.class,
                            Map.of("SingJ-Contracts", contract, "SingJ-Opens", StageSink.DIRECTORY + "/*")), stripped),
                    strip(SealedPrograms.seal("fig5-filter", StageFilter.class, Map.of("SingJ-Contracts", contract,
                            "SingJ-Opens", StageSink.DIRECTORY + "/*", "SingJ-Registers", StageSink.DIRECTORY + "/*")), stripped),
                    strip(SealedPrograms.seal("fig5-sink", StageSink.class,
                            Map.of("SingJ-Contracts", contract, "SingJ-Registers", StageSink.DIRECTORY + "/*")), stripped),
                    StageSink.DIRECTORY + (stripped ? "/stripped" : "/sealed"));
        }

        private static SealedProgram strip(SealedProgram program, boolean stripped) {
            return stripped ? GlueStripper.MEMORY_ACCOUNTING.strip(GlueStripper.KILL_CHECKS.strip(program)) : program;
        }
    }

    private Figure5Bench() {}

    /** The report, as a table of text. */
    public static String run(int rounds, PrintStream progress) throws Exception {
        Programs sealed = Programs.seal(false);
        Programs stripped = Programs.seal(true);
        Path pipes = buildPipes();
        int count = CONFIGURATIONS.size();
        long[][] small = new long[count][rounds];
        long[][] block = new long[count][rounds];
        double[][] smallRatio = new double[count][rounds];
        double[][] blockRatio = new double[count][rounds];
        try (Kernel kernel = RunningSip.bootKernel()) {
            // the kernel's own code (channels, exchange heap, the relay) is compiled by the JIT during
            // the first runs: a run of each kernel before the first round, not counted
            progress.println("figure 5: warm-up");
            runPipeline(kernel, sealed, CONFIGURATIONS.get(0));
            runPipeline(kernel, stripped, CONFIGURATIONS.get(1));
            for (int round = 0; round < rounds; round++) {
                for (int step = 0; step < count; step++) {
                    int i = (step + round) % count; // each configuration first in turn: drift over a round is shared out
                    Configuration configuration = CONFIGURATIONS.get(i);
                    progress.println("figure 5: round " + (round + 1) + " of " + rounds + ", " + configuration.name());
                    long[] figures = configuration.linux() ? runPipes(pipes)
                            : runPipeline(kernel, configuration.stripped() ? stripped : sealed, configuration);
                    small[i][round] = figures[0];
                    block[i][round] = figures[1];
                }
                for (int i = 0; i < count; i++) {
                    smallRatio[i][round] = (double) small[i][round] / small[0][round];
                    blockRatio[i][round] = (double) block[i][round] / block[0][round];
                }
            }
        }
        StringBuilder table = new StringBuilder();
        table.append("Figure 5: the pipeline source -> filter -> sink, ns per operation (one message down and its "
                + "acknowledgement back), medians of ").append(rounds).append(" rounds; relative: the median of each round's ratio "
                + "to the first row\n");
        table.append(String.format("  %-48s %12s %9s %12s %9s   %s%n", "", "64 B msg", "relative", "1 MiB block", "relative",
                "Singularity (Figure 5, over its baseline)"));
        for (int i = 0; i < count; i++) {
            Configuration configuration = CONFIGURATIONS.get(i);
            table.append(String.format("  %-48s %12d %8.2fx %12d %8.2fx   %s%n", configuration.name(), median(small[i]),
                    median(smallRatio[i]), median(block[i]), median(blockRatio[i]), configuration.singularity()));
        }
        return table.toString();
    }

    // ---- SingJ ---------------------------------------------------------------------------------

    private static long[] runPipeline(Kernel kernel, Programs programs, Configuration configuration) throws Exception {
        // a process boundary costs tens of µs a crossing: fewer operations per batch
        return runPipeline(kernel, programs, configuration, configuration.anyIsolated() ? 2_000 : 20_000,
                configuration.anyIsolated() ? 100 : 500);
    }

    /** One run of the pipeline: the medians of the source's batches, ns per 64-byte message and per block. */
    static long[] runPipeline(Kernel kernel, Programs programs, Configuration configuration, int smallCount, int blockCount)
            throws Exception {
        Proc sink = spawn(kernel, programs.sink(), configuration.sinkIsolated(), quiet(OutputStream.nullOutputStream(), programs.names()));
        Proc filter = spawn(kernel, programs.filter(), configuration.filterIsolated(),
                quiet(OutputStream.nullOutputStream(), programs.names()));
        try {
            var out = new ByteArrayOutputStream();
            Proc source = spawn(kernel, programs.source(), configuration.sourceIsolated(),
                    quiet(out, String.valueOf(BATCHES), String.valueOf(smallCount), String.valueOf(blockCount), programs.names()));
            ExitStatus status = source.awaitExit(Duration.ofMinutes(10));
            if (status == null || status.code() != 0) {
                throw new IllegalStateException("the source failed in \"" + configuration.name() + "\" (" + status + "): " + out);
            }
            return medians(out.toString(StandardCharsets.UTF_8), configuration.name());
        } finally {
            for (Proc stage : List.of(filter, sink)) {
                if (stage.awaitExit(Duration.ofSeconds(30)) == null) {
                    stage.kill(KillCause.REQUESTED, "benchmark over");
                    stage.awaitExit(Duration.ofSeconds(10));
                }
            }
        }
    }

    private static Proc spawn(Kernel kernel, SealedProgram program, boolean isolated, SipOptions options) {
        return isolated ? kernel.spawnIsolated(program, options) : kernel.spawn(program, options);
    }

    private static SipOptions quiet(OutputStream out, String... args) {
        return SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), args);
    }

    // ---- Linux ---------------------------------------------------------------------------------

    /** Compiles {@code pipeline3.c} with the machine's C compiler, into a directory of its own. */
    static Path buildPipes() throws IOException {
        Path directory = Files.createTempDirectory("singj-figure5-");
        directory.toFile().deleteOnExit();
        Path source = directory.resolve("pipeline3.c");
        try (InputStream in = Figure5Bench.class.getResourceAsStream("c/pipeline3.c")) {
            if (in == null) {
                throw new NativeBaselineException("the C source pipeline3.c is not on the class path (singj/bench/c/)");
            }
            Files.write(source, in.readAllBytes());
        }
        Path binary = directory.resolve("pipeline3");
        CCompiler.find(System.getenv()).compile(source, binary);
        source.toFile().deleteOnExit();
        binary.toFile().deleteOnExit();
        return binary;
    }

    private static long[] runPipes(Path binary) throws IOException, InterruptedException {
        return runPipes(binary, 2_000, 100);
    }

    static long[] runPipes(Path binary, int smallCount, int blockCount) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), String.valueOf(BATCHES), String.valueOf(smallCount),
                String.valueOf(blockCount))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new NativeBaselineException("pipeline3 failed: " + out);
        }
        return medians(out, "plain Linux processes");
    }

    // ---- figures -------------------------------------------------------------------------------

    /** The medians of the batches' {@code small-ns} and {@code block-ns}. */
    private static long[] medians(String out, String what) {
        List<Long> small = new ArrayList<>();
        List<Long> block = new ArrayList<>();
        Matcher matcher = BATCH.matcher(out);
        while (matcher.find()) {
            small.add(Long.parseLong(matcher.group(1)));
            block.add(Long.parseLong(matcher.group(2)));
        }
        if (small.isEmpty()) {
            throw new IllegalStateException("no batch figures from " + what + ": " + out);
        }
        return new long[] {median(small.stream().mapToLong(Long::longValue).toArray()),
                median(block.stream().mapToLong(Long::longValue).toArray())};
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
