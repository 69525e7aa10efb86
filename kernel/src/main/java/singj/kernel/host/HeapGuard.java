package singj.kernel.host;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * The last line of defence for the JVM's heap. Quotas are per SIP, and several SIPs each within
 * its quota can still fill the heap together; when the long-lived heap is still over
 * {@value #THRESHOLD_PERCENT}% full right after a collection, a SIP is killed before the JVM
 * throws {@link OutOfMemoryError} at whichever thread allocates next: the one furthest over its
 * quota if any is over, so that a SIP under its quota is never killed while another is over its
 * own; else the one holding the most, each counted by a fresh census. The heap is the
 * JVM's, so the guard chooses among the SIPs of every kernel that shares its {@link HostRuntime}.
 */
final class HeapGuard implements NotificationListener {
    private static final int THRESHOLD_PERCENT = 90;

    private final CensusWatch censuses;

    HeapGuard(CensusWatch censuses) {
        this.censuses = censuses;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            // the long-lived pool only: a young pool is always nearly full right after a collection
            boolean young = pool.getName().contains("Eden") || pool.getName().contains("Survivor")
                    || pool.getName().contains("Young");
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0 && !young) {
                pool.setCollectionUsageThreshold(max / 100 * THRESHOLD_PERCENT);
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(this, null, null);
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
            var info = MemoryNotificationInfo.from((javax.management.openmbean.CompositeData) notification.getUserData());
            long used = info.getUsage().getUsed();
            long max = info.getUsage().getMax();
            if (max > 0 && used >= max / 100 * THRESHOLD_PERCENT) {
                killLargest(info.getPoolName() + " is " + used * 100 / max + "% full after a collection ("
                        + MemoryAccount.mib(used) + " of " + MemoryAccount.mib(max) + ")");
            }
        }
    }

    /** Kills the expendable SIP furthest over its quota, else the one that holds the most; says whether there was one. */
    boolean killLargest(String why) {
        record Held(MemoryAccount account, long bytes) {
            boolean overQuota() {
                return bytes > account.quota();
            }

            /** How far over its quota, or, for one under, what it holds. */
            long excess() {
                return overQuota() ? bytes - account.quota() : bytes;
            }
        }
        List<Held> candidates = new ArrayList<>();
        for (MemoryAccount account : censuses.accounts()) {
            if (account.holder().expendable()) {
                try {
                    // counted up to twice its quota: enough to tell who is furthest over, and a
                    // hoarder's census costs no more than that
                    censuses.censusNow(account, 2 * account.quota() + MemoryAccount.slack(account.quota()));
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                candidates.add(new Held(account, account.held()));
            }
        }
        return candidates.stream()
                .max(Comparator.comparing(Held::overQuota).thenComparingLong(Held::excess))
                .map(held -> held.account().holder().killForMemory("memory: the JVM's heap is nearly exhausted (" + why
                        + ") and this SIP " + (held.overQuota() ? "is the furthest over its quota" : "holds the most")
                        + " (" + MemoryAccount.mibExact(held.bytes()) + " reachable, its quota is "
                        + MemoryAccount.mib(held.account().quota()) + ")"))
                .orElse(false);
    }

    void close() {
        try {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(this);
        } catch (ListenerNotFoundException alreadyGone) {
            // nothing to undo
        }
    }
}
