package singj.kernel.proc;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The live SIPs by process id. Pids count up from 1 and are never reused within one boot. */
final class ProcessTable {
    private final AtomicInteger lastPid = new AtomicInteger();
    private final ConcurrentSkipListMap<Integer, Proc> processes = new ConcurrentSkipListMap<>();

    int allocatePid() {
        return lastPid.incrementAndGet();
    }

    void add(Proc sip) {
        processes.put(sip.pid(), sip);
    }

    void remove(Proc sip) {
        processes.remove(sip.pid(), sip);
    }

    Optional<Proc> get(int pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    Collection<Proc> all() {
        return processes.values();
    }
}
