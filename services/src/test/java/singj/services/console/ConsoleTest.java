package singj.services.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    /** Lines a test hands over one by one, as a person would type them; counts the reads. */
    private static final class TypedLines implements LineSource {
        final BlockingQueue<Line> typed = new LinkedBlockingQueue<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Line read(LineRequest request) {
            reads.incrementAndGet();
            try {
                return typed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Line.CLOSED;
            }
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public void close() {}
    }

    private final TypedLines source = new TypedLines();
    private final Console console = new Console(source, new ByteArrayOutputStream(), new ByteArrayOutputStream());
    private final Thread consoleThread = Thread.ofPlatform().daemon().start(() -> {
        try {
            console.run(null);
        } catch (InterruptedException e) {
            // the test is over
        }
    });

    @AfterEach
    void stop() {
        consoleThread.interrupt();
    }

    @Test
    void readsOnlyWhenSomeoneWaits() throws Exception {
        source.typed.add(new Line.Text("ps"));
        source.typed.add(new Line.Text("exit"));
        assertEquals(new Line.Text("ps"), console.readLine(LineRequest.command("> ")));
        TimeUnit.MILLISECONDS.sleep(100);
        assertEquals(1, source.reads.get(), "the console read ahead");
        assertEquals(new Line.Text("exit"), console.readLine(LineRequest.command("> ")));
    }

    @Test
    void aDetachedInputLeavesTheLineInFlightToTheNextReader() throws Exception {
        ConsoleInput input = console.openInput();
        CompletableFuture<Integer> sipRead = CompletableFuture.supplyAsync(() -> input.read(new byte[100], 0, 100));
        while (source.reads.get() == 0) {
            Thread.onSpinWait(); // the console now reads on the SIP's behalf
        }
        input.detach(); // the SIP ended while the person was still typing
        assertEquals(-1, sipRead.get(5, TimeUnit.SECONDS));
        source.typed.add(new Line.Text("ps"));
        assertEquals(new Line.Text("ps"), console.readLine(LineRequest.command("> ")));
        assertEquals(-1, input.read(), "a detached input stays ended");
    }

    @Test
    void inputDeliversEachLineWithItsNewlineAcrossShortReads() throws Exception {
        source.typed.add(new Line.Text("héllo"));
        source.typed.add(Line.END);
        source.typed.add(new Line.Text("after"));
        ConsoleInput input = console.openInput();
        var bytes = new ByteArrayOutputStream();
        byte[] small = new byte[2];
        for (int n; (n = input.read(small, 0, small.length)) > 0; ) {
            bytes.write(small, 0, n);
        }
        assertEquals("héllo\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(new Line.Text("after"), console.readLine(LineRequest.command("> ")), "Ctrl-D ended only the SIP's input");
    }

    @Test
    void ctrlCWhileASipReadsRunsTheInterruptHandler() throws Exception {
        AtomicInteger interrupts = new AtomicInteger();
        console.onInterrupt(interrupts::incrementAndGet);
        source.typed.add(Line.INTERRUPT);
        assertEquals(-1, console.openInput().read());
        assertEquals(1, interrupts.get());
    }

    @Test
    void theEndOfTheHostInputEndsEveryReaderAndTheConsoleStays() throws Exception {
        source.typed.add(Line.CLOSED);
        assertEquals(Line.CLOSED, console.readLine(LineRequest.command("> ")));
        assertEquals(Line.CLOSED, console.readLine(LineRequest.command("> ")));
        assertEquals(-1, console.openInput().read());
        // the console SIP stays until the system stops it: its channels must still carry a
        // reader's InputClosed and the last output of the SIPs that print after the input ended
        consoleThread.join(500);
        assertTrue(consoleThread.isAlive(), "the console SIP ended with its input");
        assertEquals(Line.CLOSED, console.readLine(LineRequest.command("> ")));
    }

    @Test
    void plainInputTurnsAnEotLineIntoEndOfInput() {
        var plain = new PlainLineSource(new ByteArrayInputStream("a\r\n\u0004\nb".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new Line.Text("a"), plain.read(LineRequest.command("")));
        assertEquals(Line.END, plain.read(LineRequest.programInput()));
        assertEquals(new Line.Text("b"), plain.read(LineRequest.command("")));
        assertEquals(Line.CLOSED, plain.read(LineRequest.command("")));
    }
}
