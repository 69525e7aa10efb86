package singj.kernel.ipc;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.runtime.ServicePort;

/**
 * A registered name: the server ends of channels that clients opened and the service has not
 * accepted yet (at most {@link #BACKLOG} per name, and at most the owner's quota of accepts over
 * all its names, so that clients cannot pile up kernel objects without bound).
 */
final class ServiceEntry implements ServicePort {
    static final int BACKLOG = 64;

    private final String name;
    /** The contract interface; its state machine is read when the first client opens the name (it costs a boot ~30 ms). */
    private final Class<?> contract;
    private final Holdings owner;
    /** Whether a system SIP registered it: a system service, opened only by a grant that names it. */
    private final boolean system;
    private final NameServer names;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ChannelEndpoint> pending = new ArrayDeque<>();
    private String closedReason;

    ServiceEntry(String name, Class<?> contract, Holdings owner, boolean system, NameServer names) {
        this.name = name;
        this.contract = contract;
        this.owner = owner;
        this.system = system;
        this.names = names;
    }

    Class<?> contract() {
        return contract;
    }

    Holdings owner() {
        return owner;
    }

    boolean system() {
        return system;
    }

    /** Queues the server end of a client's new channel; null, or why not when too many clients wait. */
    String connect(ChannelEndpoint serverEnd) {
        lock.lock();
        try {
            if (closedReason != null) {
                throw new NameServiceException(name + " is gone: " + closedReason);
            }
            if (pending.size() >= BACKLOG) {
                return name + " has " + BACKLOG + " clients waiting already; try later";
            }
            if (!owner.addPendingAccept()) {
                return name + " cannot take more clients: its owner " + owner.describe() + " has "
                        + owner.quotas().accepts() + " clients waiting at its names, its quota of accepts; try later";
            }
            pending.add(serverEnd);
            arrived.signal();
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Endpoint<?> accept(long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        ChannelEndpoint end;
        lock.lock();
        try {
            while (pending.isEmpty()) {
                if (closedReason != null) {
                    throw new NameServiceException("the service " + name + " is closed: " + closedReason);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    arrived.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException e) {
                    if (!owner.stopping()) {
                        Thread.currentThread().interrupt();
                        return null; // an interrupt that is not a kill ends the wait; the caller sees its flag
                    }
                }
                if (owner.stopping()) {
                    throw owner.killed();
                }
            }
            owner.reserveEnds(1); // throws, leaving the client waiting, if the owner's quota of channels is full
            end = pending.poll();
            owner.removePendingAccepts(1);
        } finally {
            lock.unlock();
        }
        return end.handTo(owner);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        close("the service closed it");
    }

    /** Removes the name; clients not yet accepted see their channels closed. */
    void close(String reason) {
        ArrayDeque<ChannelEndpoint> unaccepted;
        lock.lock();
        try {
            if (closedReason != null) {
                return;
            }
            closedReason = reason;
            unaccepted = new ArrayDeque<>(pending);
            pending.clear();
            owner.removePendingAccepts(unaccepted.size());
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        names.remove(this);
        owner.remove(this);
        unaccepted.forEach(end -> end.closeBecause(name + " went away before accepting: " + reason));
    }

    int backlog() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }
}
