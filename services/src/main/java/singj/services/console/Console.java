package singj.services.console;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.time.Duration;
import java.util.function.Consumer;
import singj.abi.ChannelClosedException;
import singj.abi.ConsoleControl;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.Terminal;
import singj.abi.TerminalInput;
import singj.kernel.Kernel;
import singj.kernel.proc.Proc;

/**
 * The console system SIP: the one reader of the host's input and the way to its output. Whoever
 * wants a line (the shell for a command, a foreground SIP for input) waits here; the console
 * reads a line from its {@link LineSource} only while someone waits and none is typed ahead, so
 * a reader that leaves (a SIP that ends) never takes a line meant for the next one: the line
 * stays typed ahead for the shell.
 */
public final class Console {
    private final LineSource source;
    private final PrintStream out;
    private final PrintStream err;

    private final Object lock = new Object();
    private final Deque<Line> typedAhead = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private Waiter servedByRead; // whom the read under way serves, or null
    private boolean closed;
    private volatile Runnable interruptHandler = () -> {};

    public Console(LineSource source, OutputStream hostOut, OutputStream hostErr) {
        this.source = source;
        this.out = new PrintStream(new ConsoleOutput(hostOut, source), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new ConsoleOutput(hostErr, source), true, StandardCharsets.UTF_8);
        source.onInterrupt(() -> interruptHandler.run());
    }

    /** Standard output, for the shell and for SIPs. */
    public PrintStream out() {
        return out;
    }

    /** Standard error, for the shell and for SIPs. */
    public PrintStream err() {
        return err;
    }

    public boolean interactive() {
        return source.interactive();
    }

    /** What to do on Ctrl-C: the shell kills its foreground SIP. */
    public void onInterrupt(Runnable handler) {
        interruptHandler = handler;
    }

    void interrupt() {
        interruptHandler.run();
    }

    /**
     * Registers the console's output service ({@link Terminal}) as the console SIP {@code self}:
     * from then on, SIPs started with {@code Stdio.console(...)} write to the terminal through it,
     * each over a channel of its own, served on a thread of its own.
     */
    public void serveOutput(Kernel kernel, Proc self) {
        Service<Terminal> service = kernel.ipc().names().register(Terminal.NAME, Terminal.class, self.holdings());
        Thread.ofPlatform().daemon().name("console-output").start(() -> {
            try {
                while (true) {
                    Endpoint<Terminal> client = service.accept();
                    Thread.ofPlatform().daemon().name("console-output-client").start(() -> writeFor(client));
                }
            } catch (NameServiceException | Error closed) {
                // the console ended: its name went with it
            }
        });
    }

    private void writeFor(Endpoint<Terminal> client) {
        try {
            while (true) {
                if (client.receive() instanceof Terminal.Write(boolean error, String bytes)) {
                    PrintStream target = error ? err : out;
                    target.write(bytes.getBytes(StandardCharsets.ISO_8859_1), 0, bytes.length());
                    target.flush();
                }
                client.send(new Terminal.Written());
            }
        } catch (ChannelClosedException | NameServiceException | Error ended) {
            // the SIP ended (or the console did)
        }
    }

    /**
     * Registers the console's line input ({@link ConsoleControl}) as the console SIP {@code self}:
     * the shell SIP reads its command lines there and hands over each foreground program's input,
     * each over a channel served on a thread of its own. {@code commandsAnnounced} gets the
     * shell's table of commands with each read, for tab completion.
     */
    public void serveControl(Kernel kernel, Proc self, Consumer<String> commandsAnnounced) {
        Service<ConsoleControl> service = kernel.ipc().names().register(ConsoleControl.NAME, ConsoleControl.class,
                self.holdings());
        Thread.ofPlatform().daemon().name("console-control").start(() -> {
            try {
                while (true) {
                    Endpoint<ConsoleControl> client = service.accept();
                    Thread.ofPlatform().daemon().name("console-control-client")
                            .start(() -> control(client, commandsAnnounced));
                }
            } catch (NameServiceException | Error closed) {
                // the console ended: its name went with it
            }
        });
    }

    private void control(Endpoint<ConsoleControl> client, Consumer<String> commandsAnnounced) {
        try {
            while (true) {
                switch (client.receive()) {
                    case ConsoleControl.ReadCommand(String prompt, String commands) -> {
                        commandsAnnounced.accept(commands);
                        client.send(switch (readFor(client, LineRequest.command(prompt))) {
                            case Line.Text text -> new ConsoleControl.Typed(text.text());
                            case Line.Interrupt interrupt -> new ConsoleControl.Interrupted();
                            case Line.End end -> new ConsoleControl.EndOfInput();
                            case Line.Closed closed -> new ConsoleControl.InputClosed();
                        });
                    }
                    case ConsoleControl.Foreground(Endpoint<TerminalInput> input) -> {
                        foreground(client, input);
                        return;
                    }
                    default -> throw new IllegalStateException("the contract admits no " + client.state());
                }
            }
        } catch (ChannelClosedException | NameServiceException | Error ended) {
            // the shell closed the channel, or ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (client.isOpen()) {
                client.close();
            }
        }
    }

    /**
     * A line for {@code request}, for the reader at the other end of {@code client}; if that reader
     * goes away meanwhile (the shell was killed), the wait is cancelled, so that the line the person
     * types next goes to whoever reads after it.
     */
    private Line readFor(Endpoint<?> client, LineRequest request) throws InterruptedException {
        Waiter waiter = new Waiter(request);
        // a virtual thread: one per command line, so it must cost next to nothing
        Thread watch = Thread.ofVirtual().name("console-reader-watch").start(() -> {
            try {
                // nothing comes from the reader while it waits: select returns when the channel closes
                while (!waiter.taken && Endpoint.select(Duration.ofMillis(500), client) < 0) {
                    // still waiting
                }
                if (!waiter.taken) {
                    cancel(waiter);
                }
            } catch (RuntimeException | Error gone) {
                cancel(waiter);
            }
        });
        try {
            return take(waiter);
        } finally {
            waiter.taken = true;
            watch.interrupt();
        }
    }

    /**
     * Serves a foreground program's input until the shell closes {@code client} (the program has
     * ended), passing each Ctrl-C to the shell meanwhile; then no read of that input takes a line.
     */
    private void foreground(Endpoint<ConsoleControl> client, Endpoint<TerminalInput> stdin) {
        ConsoleInput input = openInput();
        serveInput(stdin, input);
        java.util.concurrent.atomic.AtomicBoolean unanswered = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable toShell = () -> {
            if (unanswered.compareAndSet(false, true)) { // one Ctrl-C at a time: the contract queues no more
                try {
                    client.send(new ConsoleControl.CtrlC());
                } catch (ChannelClosedException | IllegalStateException | Error gone) {
                    // the program ended meanwhile
                }
            }
        };
        onInterrupt(toShell);
        try {
            // what comes from the shell is a Noted for a Ctrl-C, or the channel's close when the program has ended
            while (true) {
                if (Endpoint.select(Duration.ofSeconds(10), client) < 0) {
                    continue;
                }
                if (!client.isOpen()) {
                    break;
                }
                client.receive();
                unanswered.set(false);
            }
        } finally {
            if (interruptHandler == toShell) {
                onInterrupt(() -> {});
            }
            input.detach();
        }
    }

    /**
     * Serves a foreground program's standard input over {@code channel}'s server end: each
     * {@link TerminalInput.Read} is answered from {@code input} (lines the user types). When the
     * channel closes (the program ended), {@code input} is detached, so that a read still waiting
     * takes no line meant for the shell.
     */
    public void serveInput(Endpoint<TerminalInput> channel, ConsoleInput input) {
        Thread.ofPlatform().daemon().name("console-input").start(() -> {
            try {
                while (true) {
                    if (channel.receive() instanceof TerminalInput.Read(int max)) {
                        byte[] bytes = new byte[Math.max(1, max)];
                        int n = input.read(bytes, 0, bytes.length);
                        channel.send(n < 0 ? new TerminalInput.EndOfInput()
                                : new TerminalInput.Data(new String(bytes, 0, n, StandardCharsets.ISO_8859_1)));
                    }
                }
            } catch (ChannelClosedException | IllegalStateException | Error ended) {
                input.detach();
            }
        });
    }

    /**
     * The console SIP's body: reads a line whenever someone waits for one. When the input closes
     * (the end of piped input, a terminal gone) it stays until the system stops: its threads still
     * answer {@code InputClosed} to a reader and print what SIPs write last. Ending here raced with
     * both, and a shell whose channel closed before its answer ended with 1 and lost its output.
     */
    public int run(Proc self) throws InterruptedException {
        while (true) {
            Waiter reader;
            synchronized (lock) {
                while (closed || waiters.isEmpty() || !typedAhead.isEmpty()) {
                    lock.wait(); // once closed, until the kernel stops the console with the system
                }
                reader = waiters.getLast();
                servedByRead = reader;
            }
            Line line;
            try {
                line = source.read(reader.request);
            } catch (RuntimeException e) {
                err.println("singj: console: " + e.getMessage());
                line = Line.CLOSED;
            }
            synchronized (lock) {
                servedByRead = null;
                if (line instanceof Line.Closed) {
                    closed = true;
                } else {
                    typedAhead.add(line);
                }
                lock.notifyAll();
            }
        }
    }

    /** Waits for the next line for {@code request}. */
    public Line readLine(LineRequest request) throws InterruptedException {
        return take(new Waiter(request));
    }

    /** A fresh standard input for one foreground SIP; detach it when the SIP ends. */
    public ConsoleInput openInput() {
        return new ConsoleInput(this);
    }

    Line take(Waiter waiter) throws InterruptedException {
        boolean retarget;
        synchronized (lock) {
            waiters.add(waiter);
            retarget = servedByRead != null && !servedByRead.request.equals(waiter.request);
            lock.notifyAll();
        }
        if (retarget) {
            source.retarget(waiter.request); // outside the lock: the source may call back into its own
        }
        synchronized (lock) {
            try {
                while (typedAhead.isEmpty() && !closed && !waiter.cancelled) {
                    lock.wait();
                }
                if (!typedAhead.isEmpty() && !waiter.cancelled) {
                    return typedAhead.poll();
                }
                return closed ? Line.CLOSED : Line.END;
            } finally {
                waiters.remove(waiter);
            }
        }
    }

    void cancel(Waiter waiter) {
        synchronized (lock) {
            waiter.cancelled = true;
            lock.notifyAll();
        }
    }

    /** One wait for a line; a cancelled wait takes nothing. */
    static final class Waiter {
        final LineRequest request;
        volatile boolean cancelled;
        volatile boolean taken; // its wait is over, with a line or without

        Waiter(LineRequest request) {
            this.request = request;
        }
    }
}
