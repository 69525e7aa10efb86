package singj.bench;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.Endpoint;
import singj.bench.workloads.PingPong;
import singj.kernel.Kernel;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;

/**
 * The exchange heap's own operations, on the benchmark thread, without a second SIP: what
 * allocating and freeing a block costs, what an access through a handle costs (every access checks
 * the handle against its block), and the kernel's part of moving a block in a message and back
 * (both ends of one channel held by the kernel's host, so no thread hand-off is measured).
 * <ul>
 * <li>{@code allocateFree64} / {@code allocateFree1MiB}: {@code allocate} then {@code free}.</li>
 * <li>{@code putGetInt}: one {@code putInt} and one {@code getInt} at a varying offset of a held block.</li>
 * <li>{@code copyIn4KiB} / {@code copyOut4KiB}: a bulk copy of 4 KiB from and into a {@code byte[]}.</li>
 * <li>{@code sendReceiveBlock}: a Ping carrying a 1 MiB block from the client end, received at
 *     the server end, sent back in a Pong and received: two sends and two receives.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExchangeHeapOps {
    @State(Scope.Thread)
    public static class Heap {
        Kernel kernel;
        Holdings host;
        Block held;
        byte[] bytes = new byte[4096];
        int at;
        Endpoint<PingPong> client;
        Endpoint<PingPong> server;
        Block travelling;

        @Setup
        public void setUp() {
            kernel = RunningSip.bootKernel();
            kernel.shareContract(PingPong.class);
            // no quota to speak of: the heap before issue 13 never gave freed bytes back to it, and
            // an allocate/free loop stopped at the quota; this way both heaps can be measured
            host = new Holdings(1, "bench", Grants.ALL, Long.MAX_VALUE, () -> false, () -> new AssertionError("never killed"));
            held = kernel.ipc().allocate(host, 1 << 16);
            Channel<PingPong> channel = kernel.ipc().newChannel(PingPong.class, kernel.host());
            client = channel.client();
            server = channel.server();
            travelling = kernel.ipc().allocate(kernel.host(), 1 << 20);
        }

        @TearDown
        public void tearDown() {
            kernel.close();
        }
    }

    @Benchmark
    public void allocateFree64(Heap heap) {
        heap.kernel.ipc().allocate(heap.host, 64).free();
    }

    @Benchmark
    public void allocateFree1MiB(Heap heap) {
        heap.kernel.ipc().allocate(heap.host, 1 << 20).free();
    }

    @Benchmark
    public int putGetInt(Heap heap) {
        int at = heap.at = (heap.at + 4) & 0xfffc;
        heap.held.putInt(at, at);
        return heap.held.getInt(at ^ 0x40);
    }

    @Benchmark
    public byte[] copyIn4KiB(Heap heap) {
        heap.held.copyFrom(heap.bytes, 0, 0, heap.bytes.length);
        return heap.bytes;
    }

    @Benchmark
    public byte[] copyOut4KiB(Heap heap) {
        heap.held.copyTo(0, heap.bytes, 0, heap.bytes.length);
        return heap.bytes;
    }

    @Benchmark
    public Block sendReceiveBlock(Heap heap) {
        heap.client.send(new PingPong.Ping(heap.travelling));
        Block there = ((PingPong.Ping) heap.server.receive()).payload();
        heap.server.send(new PingPong.Pong(there));
        return heap.travelling = ((PingPong.Pong) heap.client.receive()).payload();
    }
}
