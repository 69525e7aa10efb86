package singj.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A diagnostic, not part of the quick run: the {@code scale} workload's loop written by hand with
 * the kill check in different shapes, to show which shape the JIT can still vectorise. Each
 * variant has the same body, {@code out[i] = factor * in[i] + offset}, over 16 Ki floats.
 * <ul>
 * <li>{@code none}: no check (the plain workload);</li>
 * <li>{@code staticCountdown}: what the sealer first emitted, a {@code tick()} on every back-edge
 *     (a static int decremented every iteration, a call when it runs out);</li>
 * <li>{@code localCountdown}: the same countdown kept in a local variable;</li>
 * <li>{@code stripMined}: the loop split into chunks of {@link #CHUNK} iterations with one
 *     {@code tick()} per chunk, and no check in the inner loop;</li>
 * <li>{@code callSite}: what the sealer emits now, a question on every back-edge to a
 *     {@code MutableCallSite} whose target a kill would change ({@code SipGlue.enter}).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TickShapes {
    static final int CHUNK = 4096;

    /** Mirrors {@code SipGlue}'s kill-check state. */
    static volatile boolean killed;
    static int budget = CHUNK;
    /** Mirrors {@code SipGlue.LIFE}: the JIT folds a question to its target until the target changes. */
    static final MutableCallSite LIFE = new MutableCallSite(MethodHandles.constant(boolean.class, true));
    static final MethodHandle ALIVE = LIFE.getTarget();

    private float[] in;
    private float[] out;

    @Setup
    public void setUp() {
        in = new float[InstrumentationTax.SCALE_SIZE];
        out = new float[InstrumentationTax.SCALE_SIZE];
        for (int i = 0; i < in.length; i++) {
            in[i] = i * 0.001f;
        }
    }

    static void tick() {
        if (--budget < 0) {
            poll();
        }
    }

    static void poll() {
        budget = CHUNK;
        if (killed) {
            throw new IllegalStateException("killed");
        }
    }

    static void enter() {
        if (LIFE.getTarget() != ALIVE) {
            throw new IllegalStateException("killed");
        }
    }

    @Benchmark
    public float none() {
        float[] a = in;
        float[] b = out;
        for (int i = 0; i < a.length; i++) {
            b[i] = 1.5f * a[i] + 0.25f;
        }
        return b[b.length - 1];
    }

    @Benchmark
    public float staticCountdown() {
        float[] a = in;
        float[] b = out;
        for (int i = 0; i < a.length; i++) {
            b[i] = 1.5f * a[i] + 0.25f;
            tick();
        }
        return b[b.length - 1];
    }

    @Benchmark
    public float localCountdown() {
        float[] a = in;
        float[] b = out;
        int local = CHUNK;
        for (int i = 0; i < a.length; i++) {
            b[i] = 1.5f * a[i] + 0.25f;
            if (--local < 0) {
                local = CHUNK;
                poll();
            }
        }
        return b[b.length - 1];
    }

    @Benchmark
    public float stripMined() {
        float[] a = in;
        float[] b = out;
        for (int start = 0; start < a.length; start += CHUNK) {
            tick();
            int end = Math.min(a.length, start + CHUNK);
            for (int i = start; i < end; i++) {
                b[i] = 1.5f * a[i] + 0.25f;
            }
        }
        return b[b.length - 1];
    }

    @Benchmark
    public float callSite() {
        float[] a = in;
        float[] b = out;
        for (int i = 0; i < a.length; i++) {
            b[i] = 1.5f * a[i] + 0.25f;
            enter();
        }
        return b[b.length - 1];
    }
}
