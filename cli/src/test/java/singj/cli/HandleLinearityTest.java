package singj.cli;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.installer.VerificationReport;
import singj.installer.Violation;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.Proc;

/**
 * The install-time linearity of blocks and endpoints: one hostile program per way of keeping a
 * second copy of a handle or using one after it is gone, each refused with its rule at its place;
 * and ordinary programs (handles moved, borrowed, kept in an {@code Owned}) that install and run.
 */
class HandleLinearityTest {
    /** Around each test's code: a contract with a block and an endpoint to carry. */
    private static final String PROGRAM = """
            import java.util.*;
            import singj.abi.*;

            public class P {
                @Contract({"A client: Data -> B, Carry -> B", "B server: Data -> A, Carry -> A"})
                public interface C {
                    record Data(int n, Block block) implements Message {}
                    record Carry(Endpoint<?> endpoint) implements Message {}
                }

                public static void main(String[] args) {
            %s
                }
            %s
            }
            """;
    /** Lines of PROGRAM before the first line of a test's main body. */
    private static final int MAIN_FIRST_LINE = 12;

    @TempDir
    Path work;

    @Test
    void aHandleStoredInAFieldIsRefused() {
        Violation v = single("""
                kept = Sip.allocate(8);
                """, "static Block kept;");
        assertAt(v, "handle-escape", "main", 1, "stored in the field P.kept");
        assertTrue(v.message().contains("singj.abi.Owned"), v.message());
    }

    @Test
    void aHandleStoredInAnArrayIsRefused() {
        Violation v = single("""
                Object[] things = new Object[1];
                things[0] = Sip.allocate(8);
                """, "");
        assertAt(v, "handle-escape", "main", 2, "stored in an array");
    }

    @Test
    void aBlockArrayIsAnArrayLikeAnyOther() {
        Violation v = single("""
                Block[] blocks = new Block[1];
                blocks[0] = Sip.allocate(8);
                """, "");
        assertAt(v, "handle-escape", "main", 2, "stored in an array");
    }

    @Test
    void aHandleCapturedByALambdaIsRefused() {
        Violation v = single("""
                Block block = Sip.allocate(8);
                Runnable free = () -> block.free();
                free.run();
                """, "");
        assertAt(v, "handle-escape", "main", 2, "captured by a lambda");
    }

    @Test
    void aHandleGivenToACollectionIsRefused() {
        Violation v = single("""
                List<Block> hoard = new ArrayList<>();
                hoard.add(Sip.allocate(8));
                """, "");
        assertAt(v, "handle-escape", "main", 2, "passed to java.util.List.add, which may keep it");
    }

    @Test
    void aBlockUsedAfterItWasSentIsRefused() {
        Violation v = single("""
                Channel<C> channel = Sip.newChannel(C.class);
                Block block = Sip.allocate(8);
                channel.client().send(new C.Data(1, block));
                block.putInt(0, 1);
                """, "");
        assertAt(v, "handle-use-after-move", "main", 4, "used after it was moved into a P$C$Data");
    }

    @Test
    void anEndpointSentTwiceIsRefused() {
        Violation v = single("""
                Channel<C> relay = Sip.newChannel(C.class);
                Channel<C> inner = Sip.newChannel(C.class);
                relay.client().send(new C.Carry(inner.client()));
                relay.client().send(new C.Carry(inner.client()));
                """, "");
        assertAt(v, "handle-use-after-move", "main", 4, "moved into a P$C$Carry");
    }

    @Test
    void aBlockUsedAfterItWasFreedIsRefused() {
        Violation v = single("""
                Block block = Sip.allocate(8);
                block.free();
                System.out.println(block.getInt(0));
                """, "");
        assertAt(v, "handle-use-after-move", "main", 3, "used after it was freed");
    }

    @Test
    void anEndpointUsedAfterItWasClosedIsRefused() {
        Violation v = single("""
                Endpoint<C> end = Sip.newChannel(C.class).client();
                end.close();
                end.send(new C.Data(1, null));
                """, "");
        assertAt(v, "handle-use-after-move", "main", 3, "used after it was closed");
    }

    @Test
    void aBlockFreedOnOnePathOnlyIsRefusedWhereThePathsMeet() {
        Violation v = single("""
                Block block = Sip.allocate(8);
                if (args.length > 0) {
                    block.free();
                }
                block.putInt(0, 1);
                """, "");
        assertAt(v, "handle-use-after-move", "main", 5, "freed");
        assertTrue(v.message().contains("on one path and not on another"), v.message());
    }

    @Test
    void aComponentReadTwiceFromAMessageIsTwoCopies() {
        Violation v = single("""
                Channel<C> channel = Sip.newChannel(C.class);
                channel.client().send(new C.Data(1, Sip.allocate(8)));
                C.Data data = (C.Data) channel.server().receive();
                Block first = data.block();
                Block second = data.block();
                first.putInt(0, 1);
                second.free();
                """, "");
        assertAt(v, "handle-copy", "main", 6, "moved to local");
    }

    @Test
    void aComponentReadAgainAfterItWasSentIsRefused() {
        Violation v = single("""
                Channel<C> channel = Sip.newChannel(C.class);
                channel.client().send(new C.Data(1, Sip.allocate(8)));
                C.Data data = (C.Data) channel.server().receive();
                channel.server().send(new C.Data(2, data.block()));
                data.block().free();
                """, "");
        assertAt(v, "handle-use-after-move", "main", 5, "moved into a P$C$Data");
    }

    @Test
    void aCalleeThatFreesItsParameterTakesTheCallersHandle() {
        Violation v = single("""
                Block block = Sip.allocate(8);
                finish(block);
                block.putInt(0, 1);
                """, """
                static void finish(Block block) {
                    if (block.getInt(0) == 0) {
                        block.free();
                    }
                }
                """);
        assertAt(v, "handle-use-after-move", "main", 3, "passed to P.finish, which freed");
    }

    @Test
    void aVirtualCallMovesTheHandleIfAnyOverrideConsumesIt() {
        Violation v = single("""
                Block block = Sip.allocate(8);
                Sink sink = args.length > 0 ? new Reading() : new Freeing();
                sink.take(block);
                block.putInt(0, 1);
                """, """
                static abstract class Sink { abstract void take(Block block); }
                static class Reading extends Sink { void take(Block block) { block.getInt(0); } }
                static class Freeing extends Sink { void take(Block block) { block.free(); } }
                """);
        assertAt(v, "handle-use-after-move", "main", 4, "passed to P$Sink.take, which freed");
    }

    @Test
    void aHandlePassedToAMethodThatKeepsItsObjectParameterIsRefused() {
        Violation v = single("""
                remember(Sip.allocate(8));
                """, """
                static final List<Object> seen = new ArrayList<>();
                static void remember(Object thing) {
                    seen.add(thing);
                }
                """);
        assertAt(v, "handle-escape", "main", 1, "passed to P.remember, which keeps it");
    }

    @Test
    void aSummaryReachesThroughChainsOfCalls() {
        Violation v = single("""
                Block block = Sip.allocate(8);
                outer(block);
                block.getInt(0);
                """, """
                static void outer(Block block) { inner(block); }
                static void inner(Block block) { block.free(); }
                """);
        assertAt(v, "handle-use-after-move", "main", 3, "passed to P.outer, which passed to P.inner, which freed");
    }

    @Test
    void mutuallyRecursiveCalleesReachAFixedPoint() {
        Violation v = single("""
                Block block = Sip.allocate(8);
                ping(block, 3);
                block.getInt(0);
                """, """
                static void ping(Block block, int n) { if (n > 0) pong(block, n - 1); }
                static void pong(Block block, int n) { if (n == 0) block.free(); else ping(block, n); }
                """);
        assertAt(v, "handle-use-after-move", "main", 3, "passed to P.ping, which passed to P.pong");
    }

    @Test
    void everyViolationIsReportedNotOnlyTheFirst() {
        List<Violation> found = verify("""
                Block one = Sip.allocate(8);
                one.free();
                one.free();
                Block two = Sip.allocate(8);
                Runnable r = () -> two.free();
                """, "").violations();
        assertEquals(List.of("handle-use-after-move", "handle-escape"), found.stream().map(Violation::rule).toList(),
                found.toString());
    }

    /** What javac never emits: one handle duplicated into two locals that are both used. */
    @Test
    void aHandleDuplicatedIntoTwoLocalsIsRefusedWhereTheDeadCopyIsUsed() {
        ClassDesc block = ClassDesc.of("singj.abi.Block");
        byte[] forged = ClassFile.of().build(ClassDesc.of("Forged"), clb -> clb
                .withMethodBody("main", MethodTypeDesc.of(CD_void, CD_String.arrayType()),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                                .ldc(8L)
                                .invokestatic(ClassDesc.of("singj.abi.Sip"), "allocate", MethodTypeDesc.of(block, CD_long))
                                .dup()
                                .astore(1)
                                .astore(2)
                                .aload(2)
                                .invokevirtual(block, "free", MethodTypeDesc.of(CD_void))
                                .aload(1)
                                .lconst_0()
                                .invokevirtual(block, "getInt", MethodTypeDesc.of(CD_int, CD_long))
                                .pop()
                                .return_()));
        Path jar = ProgramCompiler.jar("Forged", Map.of("Forged", forged), work.resolve("Forged.jar"));
        List<Violation> found = Installer.standard().verify(ProgramJar.read(jar)).violations();
        assertEquals(1, found.size(), found.toString());
        Violation v = found.getFirst();
        assertEquals("handle-copy", v.rule());
        assertEquals("main([Ljava/lang/String;)V", v.method());
        assertEquals(15, v.offset(), "the getInt on the dead copy in local 1: " + v);
        assertTrue(v.message().contains("moved to local 2 at 8"), v.message());
    }

    /** Moves, borrows, loops, message patterns, select and Owned cells: all of it passes. */
    @Test
    void ordinaryHandleCodeInstalls() {
        VerificationReport report = verify("""
                Channel<C> channel = Sip.newChannel(C.class);
                Endpoint<C> client = channel.client();
                Endpoint<C> server = channel.server();
                for (int i = 0; i < 3; i++) {
                    Block block = Sip.allocate(64);
                    fill(block, i);
                    client.send(new C.Data(i, block));
                    if (Endpoint.select(java.time.Duration.ofSeconds(1), server, client) != 0) {
                        throw new IllegalStateException();
                    }
                    switch (server.receive()) {
                        case C.Data(int n, Block received) -> {
                            if (received != null && received.getInt(0) == n) {
                                held.put(received);
                            }
                        }
                        default -> throw new IllegalStateException();
                    }
                    Block back = held.take();
                    System.out.println("got " + back + " " + describe(back));
                    back.free();
                }
                Owned<Endpoint<C>> cell = new Owned<>(server);
                Thread thread = new Thread(() -> cell.take().close());
                thread.start();
                Block maybe = args.length > 0 ? Sip.allocate(8) : null;
                if (maybe != null) {
                    maybe.free();
                }
                Block moved = Sip.allocate(8);
                Block again = moved;
                again.free();
                """, """
                static final Owned<Block> held = new Owned<>();
                static void fill(Block block, int value) { block.putInt(0, value); }
                static String describe(Object thing) { return String.valueOf(thing); }
                """);
        assertTrue(report.passed(), report.violations().toString());
    }

    /** Handles in Owned cells, in fields and lambdas, run as before; a cell's handle is released when the SIP ends. */
    @Test
    void aProgramKeepingHandlesInOwnedCellsRunsAndLeavesNothingBehind() throws Exception {
        Path jar = compile("""
                Block block = Sip.allocate(64);
                block.putInt(0, 41);
                held.put(block);
                Owned<Block> passed = new Owned<>(Sip.allocate(64));
                Thread thread = new Thread(() -> {
                    Block mine = passed.take();
                    mine.putInt(0, held.isEmpty() ? 0 : 1);
                    passed.put(mine);
                });
                thread.start();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    return;
                }
                Block back = passed.take();
                System.out.println("thread wrote " + back.getInt(0));
                try {
                    passed.take();
                } catch (IllegalStateException empty) {
                    System.out.println("empty: " + empty.getMessage());
                }
                Owned<Endpoint<C>> end = new Owned<>(Sip.newChannel(C.class).client());
                Block kept = held.take();
                System.out.println("kept " + kept.getInt(0));
                held.put(kept); // still in the cell when the SIP ends: the kernel frees it
                try {
                    held.put(back);
                } catch (IllegalStateException full) {
                    System.out.println("full: " + full.getMessage());
                }
                """, "static final Owned<Block> held = new Owned<>();");
        var sealed = Installer.standard().seal(ProgramJar.read(jar), "owned", 0);
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            var out = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(sealed, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err)));
            ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status.code(), printed);
            assertEquals("""
                    thread wrote 1
                    empty: this Owned is empty
                    kept 41
                    full: this Owned already holds a handle; take it out first
                    """, printed);
            assertEquals(0, kernel.ipc().heap().inUse(), "the blocks left in cells were freed with the SIP");
            assertEquals(0, kernel.ipc().channels().size(), "the endpoint left in a cell was closed with the SIP");
        }
    }

    private Violation single(String main, String members) {
        List<Violation> found = verify(main, members).violations();
        assertEquals(1, found.size(), "exactly one violation: " + found);
        return found.getFirst();
    }

    private VerificationReport verify(String main, String members) {
        return Installer.standard().verify(ProgramJar.read(compile(main, members)));
    }

    private Path compile(String main, String members) {
        String source = PROGRAM.formatted(main.indent(8).stripTrailing(), members.indent(4).stripTrailing());
        return ProgramCompiler.compile("P", Map.of("P.java", source), work,
                Map.of("SingJ-Contracts", "P$C", "SingJ-Exchange-Quota", "1m"));
    }

    /** {@code line} counts from the first line of the test's main body (1). */
    private static void assertAt(Violation v, String rule, String method, int line, String because) {
        assertEquals(rule, v.rule(), v.toString());
        assertTrue(v.method().startsWith(method + "("), v.toString());
        assertEquals(MAIN_FIRST_LINE + line - 1, v.line(), v.toString());
        assertTrue(v.offset() >= 0, v.toString());
        assertTrue(v.message().contains(because), v.toString());
    }
}
