package singj.abi;

/**
 * The contract of the kernel's status service, registered at {@value #NAME}: the name tree, the
 * open channels and the exchange heap's use, a row at a time. The shell's {@code ns},
 * {@code channels} and {@code heap} speak it. The name is a system name: only system programs
 * (the shell) are granted it, whatever a program's manifest asks, since it shows every SIP's
 * names and channels.
 */
@Contract({
    "IDLE      client: ListNames -> NAMES, ListChannels -> CHANNELS, ListHeap -> HEAP",
    "NAMES     server: NameRow -> NAME, End -> IDLE",
    "NAME      client: More -> NAMES",
    "CHANNELS  server: ChannelRow -> CHANNEL, End -> IDLE",
    "CHANNEL   client: More -> CHANNELS",
    "HEAP      server: HeapRow -> HEAP_ROW, HeapTotals -> IDLE",
    "HEAP_ROW  client: More -> HEAP"
})
public interface SystemStatus {
    /** Where the kernel serves it. */
    String NAME = "/kernel/status";

    /** Asks for the registered names, a {@link NameRow} each (sorted by name), then {@link End}. */
    record ListNames() implements Message {}

    /**
     * One registered name.
     *
     * @param pid the SIP that registered it (0: the kernel or the embedding host)
     * @param waiting clients that opened it and wait to be accepted
     */
    record NameRow(String name, String contract, int pid, String program, int waiting) implements Message {}

    /** Asks for the open channels, a {@link ChannelRow} each (by id), then {@link End}. */
    record ListChannels() implements Message {}

    /**
     * One open channel: for each end its holder ("pid 4 (shell)", or "in a message" while the end
     * travels) and its contract state, and the messages queued to each end and not yet received.
     */
    record ChannelRow(int id, String contract, String client, String clientState, int toClient, String server,
                      String serverState, int toServer) implements Message {}

    /** Asks for the exchange heap: a {@link HeapRow} per SIP that owns blocks, then {@link HeapTotals}. */
    record ListHeap() implements Message {}

    /** One SIP's blocks: those it holds, those it sent that are not yet received, and their bytes. */
    record HeapRow(int pid, String program, int blocks, int sent, long bytes) implements Message {}

    /** Blocks in messages not yet received; bytes the heap has reserved from the host, of its capacity. */
    record HeapTotals(int inFlight, long reserved, long capacity) implements Message {}

    /** The client wants the next row. */
    record More() implements Message {}

    /** No more rows. */
    record End() implements Message {}
}
