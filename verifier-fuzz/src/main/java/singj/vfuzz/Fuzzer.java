package singj.vfuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates mutants from a fixed seed and has both verifiers judge each. The choice of every mutant
 * (source, class, operator, and the seed of its own random numbers) is made in one sequence, so a
 * run is the same whatever the number of threads that judge it.
 */
public final class Fuzzer {
    /** Classes tried per source and mutant before giving up on finding one both verifiers accept. */
    private static final int CLASS_TRIES = 40;

    public record Spec(int number, Source source, String className, Operator operator, long seed) {}

    /** One judged mutant. {@code operator} is the one applied (the next in order when the chosen one had no place). */
    public record Outcome(Spec spec, Operator operator, Mutation mutation, SingJudge.Verdict singj,
                          HotSpotJudge.Verdict hotspot, HotSpotJudge.Verdict framesRecomputed) {
        public boolean singjAccepts() {
            return singj.kind() == SingJudge.Kind.ACCEPT;
        }

        public boolean hotspotRejects() {
            return hotspot.kind() == HotSpotJudge.Kind.REJECT;
        }

        public boolean bad() {
            return singjAccepts() && hotspotRejects();
        }

        public Optional<KnownGap> gap() {
            return bad() ? KnownGap.explaining(this) : Optional.empty();
        }

        /** SingJ rejects, HotSpot accepts: SingJ is stricter than HotSpot here. */
        public boolean stricter() {
            return singj.kind() == SingJudge.Kind.REJECT && hotspot.kind() == HotSpotJudge.Kind.ACCEPT;
        }

        /** The documented rule by which SingJ is stricter, when it is. */
        public Optional<StricterRule> stricterRule() {
            return stricter() ? StricterRule.explaining(this) : Optional.empty();
        }
    }

    private final List<Source> sources;
    private final Random random;
    private final Map<String, Boolean> baseline = new HashMap<>();
    private final SingJudge baselineJudge = new SingJudge();
    private int next;

    public Fuzzer(List<Source> sources, long seed) {
        this.sources = sources;
        this.random = new Random(seed);
    }

    /** Judges {@code count} mutants on {@code threads} threads, in the order they were made. */
    public Report run(int count, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<SingJudge> judges = ThreadLocal.withInitial(SingJudge::new);
        List<Future<Optional<Outcome>>> futures = new ArrayList<>();
        Report report = new Report();
        try {
            for (int i = 0; i < count; i++) {
                Optional<Spec> spec = nextSpec();
                if (spec.isEmpty()) {
                    continue;
                }
                futures.add(pool.submit(() -> judge(spec.get(), judges.get(), report)));
            }
            for (var future : futures) {
                future.get().ifPresent(report::add);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a mutant could not be judged", e.getCause());
        } finally {
            pool.shutdownNow();
            baselineJudge.close();
        }
        return report;
    }

    /** The next mutant to make: a class of the next source in turn that both verifiers accept as it is. */
    synchronized Optional<Spec> nextSpec() {
        int number = next++;
        Source source = sources.get(number % sources.size());
        Operator operator = Operator.values()[random.nextInt(Operator.values().length)];
        long seed = random.nextLong();
        for (int tries = 0; tries < CLASS_TRIES; tries++) {
            String name = source.names().get(random.nextInt(source.names().size()));
            if (acceptedAsItIs(source, name)) {
                return Optional.of(new Spec(number, source, name, operator, seed));
            }
        }
        return Optional.empty();
    }

    /** Whether a class has code and both verifiers accept it unchanged: mutants of others would judge their original. */
    private boolean acceptedAsItIs(Source source, String name) {
        return baseline.computeIfAbsent(source.name() + "/" + name, k -> {
            ClassModel model = source.model(name).orElseThrow();
            if (model.methods().stream().noneMatch(m -> m.code().isPresent())) {
                return false;
            }
            byte[] bytes = source.bytes(name);
            return HotSpotJudge.judge(source, name, bytes).kind() == HotSpotJudge.Kind.ACCEPT
                    && baselineJudge.judge(source, name, bytes).kind() == SingJudge.Kind.ACCEPT;
        });
    }

    /**
     * The spec's operator, or when it has no place in the class the others in an order drawn from the
     * spec's seed (the next in declaration order would favour whichever follows a rarely applicable
     * one); empty if none has.
     */
    private static Optional<Outcome> judge(Spec spec, SingJudge singj, Report report) {
        List<Operator> operators = new ArrayList<>(List.of(Operator.values()));
        operators.remove(spec.operator());
        java.util.Collections.shuffle(operators, new Random(~spec.seed()));
        operators.addFirst(spec.operator());
        for (Operator operator : operators) {
            ClassModel model = spec.source().model(spec.className()).orElseThrow();
            Optional<Mutation> mutation;
            try {
                mutation = operator.apply(new Target(spec.source(), spec.className(), model, new Random(spec.seed())));
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                     | IndexOutOfBoundsException e) {
                // the ClassFile API refused to write this mutant (a label it cannot place, an entry it will not make)
                report.unbuildable(operator);
                continue;
            }
            if (mutation.isEmpty()) {
                continue;
            }
            byte[] bytes = mutation.get().bytes();
            SingJudge.Verdict singjVerdict = singj.judge(spec.source(), spec.className(), bytes);
            HotSpotJudge.Verdict hotspot = HotSpotJudge.judge(spec.source(), spec.className(), bytes);
            HotSpotJudge.Verdict recomputed = null;
            if (singjVerdict.kind() == SingJudge.Kind.ACCEPT && hotspot.kind() == HotSpotJudge.Kind.REJECT
                    && mutation.get().frames() != Mutation.Frames.REGENERATED) {
                recomputed = FramesRecomputed.judge(spec.source(), spec.className(), bytes);
            }
            return Optional.of(new Outcome(spec, operator, mutation.get(), singjVerdict, hotspot, recomputed));
        }
        return Optional.empty();
    }

    /** {@code verifier-fuzz/run.sh N [seed]}: N mutants, the matrix printed and written to target/fuzz-report/. */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path buildDir = Corpus.buildDir();
        List<Source> sources = Corpus.load(buildDir);
        long start = System.nanoTime();
        Report report = new Fuzzer(sources, seed).run(count, Runtime.getRuntime().availableProcessors());
        String markdown = report.markdown("seed " + seed + ", " + count + " mutants asked, "
                + (System.nanoTime() - start) / 1_000_000_000 + " s");
        System.out.println(markdown);
        Path out = buildDir.resolve("fuzz-report");
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("matrix.md"), markdown);
            report.saveReproducers(out.resolve("reproducers"), 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("written to " + out.toAbsolutePath());
    }
}
