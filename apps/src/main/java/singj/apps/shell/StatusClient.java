package singj.apps.shell;

import java.util.ArrayList;
import java.util.List;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Owned;
import singj.abi.SystemStatus;

/**
 * The shell's side of the kernel's status service ({@link SystemStatus} at
 * {@value SystemStatus#NAME}): {@code ns}, {@code channels} and {@code heap} are its listings,
 * over a channel opened at the first of them.
 */
public final class StatusClient {
    private final Owned<Endpoint<SystemStatus>> connection = new Owned<>();

    /** The registered names, sorted. */
    synchronized List<SystemStatus.NameRow> names() {
        List<SystemStatus.NameRow> rows = new ArrayList<>();
        rows(new SystemStatus.ListNames(), row -> rows.add((SystemStatus.NameRow) row));
        return rows;
    }

    /** The open channels, by id. */
    synchronized List<SystemStatus.ChannelRow> channels() {
        List<SystemStatus.ChannelRow> rows = new ArrayList<>();
        rows(new SystemStatus.ListChannels(), row -> rows.add((SystemStatus.ChannelRow) row));
        return rows;
    }

    /** A row per SIP that owns blocks, into {@code rows}; answers the heap's totals. */
    synchronized SystemStatus.HeapTotals heap(List<SystemStatus.HeapRow> rows) {
        return (SystemStatus.HeapTotals) rows(new SystemStatus.ListHeap(), row -> rows.add((SystemStatus.HeapRow) row));
    }

    /** Sends {@code request}, passes each row to {@code each}, answering More; returns the message that ended the listing. */
    private Message rows(Message request, java.util.function.Consumer<Message> each) {
        Endpoint<SystemStatus> status = Connections.take(connection, SystemStatus.NAME, SystemStatus.class);
        try {
            status.send(request);
            while (true) {
                Message m = status.receive();
                if (m instanceof SystemStatus.End || m instanceof SystemStatus.HeapTotals) {
                    return m;
                }
                each.accept(m);
                status.send(new SystemStatus.More());
            }
        } finally {
            connection.put(status);
        }
    }
}
