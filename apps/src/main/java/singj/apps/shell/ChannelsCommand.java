package singj.apps.shell;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import singj.abi.SystemStatus.ChannelRow;

/** {@code channels}: the open channels. */
record ChannelsCommand() implements Command {
    private static final String ROW = "%4s  %-36s %-20s %-10s %-20s %-10s %9s %9s%n";

    @Override
    public String name() {
        return "channels";
    }

    @Override
    public String usage() {
        return "channels";
    }

    @Override
    public String summary() {
        return "List the open channels between SIPs.";
    }

    @Override
    public String details() {
        return "One row per open channel: ID, CONTRACT, then for each end its owner (pid and\n"
                + "program, or 'in a message' while the end itself travels) and its state in the\n"
                + "contract: CLIENT, C-STATE, SERVER, S-STATE. >CLIENT and >SERVER count the messages\n"
                + "queued to each end and not yet received.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        PrintStream out = session.out();
        List<ChannelRow> channels = session.status().channels().stream()
                .sorted(Comparator.comparingInt(ChannelRow::id)).toList();
        if (channels.isEmpty()) {
            out.println("no channels open");
            return Outcome.CONTINUE;
        }
        out.printf(ROW, "ID", "CONTRACT", "CLIENT", "C-STATE", "SERVER", "S-STATE", ">CLIENT", ">SERVER");
        for (ChannelRow channel : channels) {
            out.printf(ROW, channel.id(), channel.contract(), channel.client(), channel.clientState(),
                    channel.server(), channel.serverState(), channel.toClient(), channel.toServer());
        }
        return Outcome.CONTINUE;
    }
}
