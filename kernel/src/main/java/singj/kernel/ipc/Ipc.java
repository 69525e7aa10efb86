package singj.kernel.ipc;

import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.Endpoint;
import singj.abi.Side;

/** The kernel's inter-process communication: the exchange heap, the channels and the nameserver. */
public final class Ipc implements AutoCloseable {
    private final ExchangeHeap heap;
    private final ChannelTable channels;
    private final NameServer names;

    public Ipc(long exchangeHeapBytes) {
        this.heap = new ExchangeHeap(exchangeHeapBytes);
        this.channels = new ChannelTable(heap);
        this.names = new NameServer(channels);
    }

    public ExchangeHeap heap() {
        return heap;
    }

    public ChannelTable channels() {
        return channels;
    }

    public NameServer names() {
        return names;
    }

    /** A new channel of {@code contract}, both ends held by {@code owner}. */
    @SuppressWarnings("unchecked")
    public <C> Channel<C> newChannel(Class<C> contract, Holdings owner) {
        ContractType type = ContractType.of(contract);
        owner.reserveEnds(2);
        singj.kernel.ipc.Channel channel = channels.create(type);
        return new Channel<>((Endpoint<C>) channel.end(Side.CLIENT).handTo(owner),
                (Endpoint<C>) channel.end(Side.SERVER).handTo(owner));
    }

    /**
     * Moves {@code endpoint} to {@code to} (a new SIP's start endpoint): returns the new holder's
     * object; {@code endpoint} is dead afterwards.
     */
    public Endpoint<?> move(Endpoint<?> endpoint, Holdings to) {
        return ((ChannelEndpoint) endpoint.end()).moveTo(endpoint.generation(), to);
    }

    /**
     * Who holds the other end of {@code endpoint}'s channel now, or null (in a message, closed):
     * how a kernel service knows which SIP it serves.
     */
    public Holdings peerOf(Endpoint<?> endpoint) {
        return ((ChannelEndpoint) endpoint.end()).peerHolder();
    }

    /** The contract interface {@code endpoint} speaks. */
    public Class<?> contractOf(Endpoint<?> endpoint) {
        return ((ChannelEndpoint) endpoint.end()).contractClass();
    }

    public Block allocate(Holdings owner, long bytes) {
        return heap.allocate(owner, bytes);
    }

    @Override
    public void close() {
        heap.close();
    }
}
