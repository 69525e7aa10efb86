package singj.kernel;

import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.SystemStatus;
import singj.kernel.ipc.Channel;
import singj.kernel.ipc.ExchangeHeap;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;
import singj.kernel.ipc.NameServer;
import singj.kernel.proc.ProcessInfo;

/**
 * The kernel's status service at {@value SystemStatus#NAME}: the name tree, the channel table and
 * the exchange heap's use, read from the kernel's tables and sent a row at a time on a kernel
 * thread per client, so that the shell shows them without holding the kernel. Only system SIPs
 * are granted the name.
 */
final class StatusServer {
    private final Kernel kernel;
    private final Service<SystemStatus> service;
    private volatile boolean stopping;

    StatusServer(Kernel kernel) {
        this.kernel = kernel;
        Holdings holdings = new Holdings(0, "kernel", Grants.ALL, 0, () -> stopping, KernelStopping::new);
        this.service = kernel.ipc().names().register(SystemStatus.NAME, SystemStatus.class, holdings);
        Thread.ofPlatform().daemon().name("singj-status").start(this::acceptClients);
    }

    private void acceptClients() {
        try {
            while (!stopping) {
                Endpoint<SystemStatus> client = service.accept();
                Thread.ofPlatform().daemon().name("singj-status-client").start(() -> serve(client));
            }
        } catch (NameServiceException | KernelStopping closed) {
            // the kernel closed the service
        }
    }

    private void serve(Endpoint<SystemStatus> client) {
        try {
            while (true) {
                switch (client.receive()) {
                    case SystemStatus.ListNames() -> {
                        for (NameServer.NameInfo n : kernel.ipc().names().list().stream()
                                .sorted(java.util.Comparator.comparing(NameServer.NameInfo::name)).toList()) {
                            row(client, new SystemStatus.NameRow(n.name(), n.contract(), n.pid(), n.program(), n.waiting()));
                        }
                        client.send(new SystemStatus.End());
                    }
                    case SystemStatus.ListChannels() -> {
                        for (Channel.ChannelInfo c : kernel.ipc().channels().list()) {
                            row(client, new SystemStatus.ChannelRow(c.id(), c.contract(), c.client(), c.clientState(),
                                    c.toClient(), c.server(), c.serverState(), c.toServer()));
                        }
                        client.send(new SystemStatus.End());
                    }
                    case SystemStatus.ListHeap() -> {
                        for (ProcessInfo p : kernel.processes()) {
                            Holdings h = kernel.process(p.pid()).map(sip -> sip.holdings()).orElse(null);
                            if (h != null && h.exchangeBytes() > 0) {
                                row(client, new SystemStatus.HeapRow(p.pid(), p.program(), h.blockCount(),
                                        h.sentBlockCount(), h.exchangeBytes()));
                            }
                        }
                        ExchangeHeap heap = kernel.ipc().heap();
                        client.send(new SystemStatus.HeapTotals(heap.inFlight(), heap.reserved(), heap.capacity()));
                    }
                    case Message other -> throw new IllegalStateException("the contract admits no " + other);
                }
            }
        } catch (ChannelClosedException | KernelStopping gone) {
            if (client.isOpen()) {
                client.close();
            }
        }
    }

    /** Sends one row and takes the client's {@link SystemStatus.More}, which the contract makes the only answer. */
    private static void row(Endpoint<SystemStatus> client, Message row) {
        client.send(row);
        client.receive();
    }

    /** What wakes the status service's threads when the kernel stops. */
    private static final class KernelStopping extends Error {
        KernelStopping() {
            super("the kernel is shutting down", null, false, false);
        }
    }

    void close() {
        stopping = true;
        service.close();
    }
}
