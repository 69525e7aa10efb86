package singj.kernel.ipc;

import singj.abi.Opener;
import singj.abi.Side;

/**
 * A channel: two ends following one contract, each with its own queue of messages to it. All
 * sends, receives and closes of a channel take its lock briefly (never while waiting). Once
 * closed, by either end, by a contract violation or by a dying owner, nothing more can be sent;
 * each end may still receive what was already queued to it, then sees the reason it closed.
 */
public final class Channel {
    private final int id;
    private final ContractType contract;
    private final ChannelEndpoint client;
    private final ChannelEndpoint server;
    private final ChannelTable table;
    private volatile String closedReason;
    /** The SIP that opened it by name; null for a channel a SIP made itself. */
    private volatile Opener opener;

    /** @param id its number in {@code table}, the kernel's: channels of two kernels are numbered apart */
    Channel(int id, ContractType contract, ChannelTable table) {
        this.id = id;
        this.contract = contract;
        this.table = table;
        this.client = new ChannelEndpoint(this, Side.CLIENT, contract.spec().bound(Side.CLIENT));
        this.server = new ChannelEndpoint(this, Side.SERVER, contract.spec().bound(Side.SERVER));
    }

    public int id() {
        return id;
    }

    public ContractType contract() {
        return contract;
    }

    /** Records who opened the channel by name, before either end is handed out. */
    void openedBy(Holdings client) {
        opener = new Opener(client.pid(), client.program(), client::running);
    }

    Opener opener() {
        return opener;
    }

    ExchangeHeap heap() {
        return table.heap();
    }

    ChannelEndpoint end(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    public boolean isClosed() {
        return closedReason != null;
    }

    String closedReason() {
        return closedReason;
    }

    /**
     * Marks the channel closed for {@code reason}, unless it is closed already; the caller holds
     * the channel's lock, so that no send can slip in between the close and the caller's draining
     * of its end. Returns whether this call closed it (and must then call {@link #afterClosed}).
     */
    boolean markClosed(String reason) {
        synchronized (this) {
            if (closedReason != null) {
                return false;
            }
            closedReason = reason;
            return true;
        }
    }

    /** After {@link #markClosed}, outside the lock: forgets the channel and wakes both ends. */
    void afterClosed() {
        table.remove(this);
        client.wake();
        server.wake();
        client.dropIfUnheld();
        server.dropIfUnheld();
    }

    /** A line for the shell's {@code channels}: id, contract, the ends' owners and states, queued messages. */
    public ChannelInfo info() {
        synchronized (this) {
            return new ChannelInfo(id, contract.name(), client.describeOwner(), client.stateName(),
                    client.queued(), server.describeOwner(), server.stateName(), server.queued());
        }
    }

    /** What the shell shows of a channel. */
    public record ChannelInfo(int id, String contract, String client, String clientState, int toClient,
                              String server, String serverState, int toServer) {}
}
