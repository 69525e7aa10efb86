package singj.services.shell;

import java.io.PrintStream;
import singj.kernel.ipc.ExchangeHeap;
import singj.kernel.ipc.Holdings;
import singj.kernel.proc.ProcessInfo;

/** {@code heap}: who owns what of the exchange heap. */
record HeapCommand() implements Command {
    private static final String ROW = "%5s  %-16s %7s %7s %10s%n";

    @Override
    public String name() {
        return "heap";
    }

    @Override
    public String usage() {
        return "heap";
    }

    @Override
    public String summary() {
        return "Show the exchange heap: blocks per SIP, blocks in flight, memory reserved.";
    }

    @Override
    public String details() {
        return "The exchange heap holds the blocks SIPs pass in messages; a block has one owner at a\n"
                + "time and moves, without a copy, with the message that carries it.\n"
                + "One row per SIP that owns blocks: PID, PROGRAM, BLOCKS it holds, SENT blocks not yet\n"
                + "received, and the BYTES of both, which count against its quota. Then the blocks in\n"
                + "flight (in messages not yet received), and the memory the heap has reserved from\n"
                + "the system out of its capacity (chunks with no block in use go back to it).";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        PrintStream out = session.out();
        boolean any = false;
        for (ProcessInfo process : session.kernel().processes()) {
            Holdings holdings = session.kernel().process(process.pid()).map(sip -> sip.holdings()).orElse(null);
            if (holdings == null || holdings.exchangeBytes() == 0) {
                continue;
            }
            if (!any) {
                out.printf(ROW, "PID", "PROGRAM", "BLOCKS", "SENT", "BYTES");
                any = true;
            }
            out.printf(ROW, process.pid(), process.program(), holdings.blockCount(), holdings.sentBlockCount(),
                    HumanUnits.bytes(holdings.exchangeBytes()));
        }
        if (!any) {
            out.println("no SIP owns a block");
        }
        ExchangeHeap heap = session.kernel().ipc().heap();
        out.println("in flight: " + heap.inFlight() + " block" + (heap.inFlight() == 1 ? "" : "s"));
        out.println("reserved: " + HumanUnits.bytes(heap.reserved()) + " of " + HumanUnits.bytes(heap.capacity()));
        return Outcome.CONTINUE;
    }
}
