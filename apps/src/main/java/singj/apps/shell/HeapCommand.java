package singj.apps.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import singj.abi.SystemStatus;

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
        List<SystemStatus.HeapRow> rows = new ArrayList<>();
        SystemStatus.HeapTotals heap = session.status().heap(rows);
        if (rows.isEmpty()) {
            out.println("no SIP owns a block");
        } else {
            out.printf(ROW, "PID", "PROGRAM", "BLOCKS", "SENT", "BYTES");
        }
        for (SystemStatus.HeapRow row : rows) {
            out.printf(ROW, row.pid(), row.program(), row.blocks(), row.sent(), HumanUnits.bytes(row.bytes()));
        }
        out.println("in flight: " + heap.inFlight() + " block" + (heap.inFlight() == 1 ? "" : "s"));
        out.println("reserved: " + HumanUnits.bytes(heap.reserved()) + " of " + HumanUnits.bytes(heap.capacity()));
        return Outcome.CONTINUE;
    }
}
