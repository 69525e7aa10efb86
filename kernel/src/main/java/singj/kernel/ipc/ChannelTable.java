package singj.kernel.ipc;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The kernel's open channels, for the shell's {@code channels} and for tests. */
public final class ChannelTable {
    private final Map<Integer, Channel> open = new ConcurrentHashMap<>();
    private final AtomicInteger lastId = new AtomicInteger();
    private final ExchangeHeap heap;

    public ChannelTable(ExchangeHeap heap) {
        this.heap = heap;
    }

    ExchangeHeap heap() {
        return heap;
    }

    Channel create(ContractType contract) {
        Channel channel = new Channel(lastId.incrementAndGet(), contract, this);
        open.put(channel.id(), channel);
        return channel;
    }

    void remove(Channel channel) {
        open.remove(channel.id());
    }

    public List<Channel.ChannelInfo> list() {
        return open.values().stream().map(Channel::info).sorted(Comparator.comparingInt(Channel.ChannelInfo::id)).toList();
    }

    public int size() {
        return open.size();
    }
}
