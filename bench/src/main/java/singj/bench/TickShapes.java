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
 * Shapes a program's classes shared by its SIPs would need (issue 18: one copy of the classes,
 * each SIP's statics in an object of its own), where the check cannot be a per-SIP class's call
 * site and must find the running SIP from the thread:
 * <ul>
 * <li>{@code scopedValueFlag}: the SIP's state bound in a {@code ScopedValue} for its threads,
 *     its kill flag read on every back-edge;</li>
 * <li>{@code threadLocalFlag}: the same through a {@code ThreadLocal};</li>
 * <li>{@code staticField} and {@code scopedValueStatic}: a loop that updates a static field of the
 *     program, as a plain static and as a field of the SIP's statics object found through the
 *     {@code ScopedValue} (what the installer's rewrite of each {@code getstatic}/{@code putstatic}
 *     would do).</li>
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

    /** A SIP's own state, as shared classes would find it: its kill flag and one of its program's statics. */
    static final class SipState {
        volatile boolean killed;
        float total;
    }

    static final ScopedValue<SipState> SIP = ScopedValue.newInstance();
    static final ThreadLocal<SipState> SIP_LOCAL = ThreadLocal.withInitial(SipState::new);
    static float total;

    private final SipState state = new SipState();
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

    @Benchmark
    public float scopedValueFlag() {
        return ScopedValue.where(SIP, state).call(this::scopedValueFlagLoop);
    }

    private float scopedValueFlagLoop() {
        float[] a = in;
        float[] b = out;
        for (int i = 0; i < a.length; i++) {
            b[i] = 1.5f * a[i] + 0.25f;
            if (SIP.get().killed) {
                throw new IllegalStateException("killed");
            }
        }
        return b[b.length - 1];
    }

    @Benchmark
    public float threadLocalFlag() {
        float[] a = in;
        float[] b = out;
        for (int i = 0; i < a.length; i++) {
            b[i] = 1.5f * a[i] + 0.25f;
            if (SIP_LOCAL.get().killed) {
                throw new IllegalStateException("killed");
            }
        }
        return b[b.length - 1];
    }

    @Benchmark
    public float staticField() {
        float[] a = in;
        for (int i = 0; i < a.length; i++) {
            total += a[i];
            enter();
        }
        return total;
    }

    @Benchmark
    public float scopedValueStatic() {
        return ScopedValue.where(SIP, state).call(this::scopedValueStaticLoop);
    }

    private float scopedValueStaticLoop() {
        float[] a = in;
        for (int i = 0; i < a.length; i++) {
            SIP.get().total += a[i];
            enter();
        }
        return SIP.get().total;
    }
}
