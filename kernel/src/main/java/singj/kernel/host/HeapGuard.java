package singj.kernel.host;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 * throws {@link OutOfMemoryError} at whichever thread allocates next: one that a heap census finds
 * over its quota if any is, so that a SIP under its quota is never killed while another is over
 * its own; else the one the censuses find holding the most. The heap is the
 * JVM's, so the guard chooses among the SIPs of every kernel that shares its {@link HostRuntime}.
 */
final class HeapGuard implements NotificationListener {
    private static final int THRESHOLD_PERCENT = 90;

    private final CollectionWatch collections;

    HeapGuard(CollectionWatch collections) {
        this.collections = collections;
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

    /**
     * Kills a SIP whose heap census finds it over its quota, if there is one; else the one that
     * the censuses find holding the most. Says whether it killed one. The estimates only give the
     * order in which SIPs are counted (the furthest over its quota by its estimate first), so that
     * a hoarder usually costs one census: the first SIP counted over its quota is the one killed,
     * and a SIP under its quota is killed only once every expendable SIP has been counted under its
     * own (docs/memory.md, "The bounds"). Runs on the JVM's notification thread, as the
     * collection watch judges on its own: each census is a walk at a safepoint, no further than
     * twice the SIP's quota.
     */
    boolean killLargest(String why) {
        List<MemoryAccount> candidates = collections.accounts().stream()
                .filter(account -> account.holder().expendable())
                .sorted(Comparator.comparing(MemoryAccount::overQuota).thenComparingLong(HeapGuard::excess).reversed())
                .toList();
        MemoryAccount most = null;
        MemoryAccount.Counted mostHeld = null;
        for (MemoryAccount account : candidates) {
            MemoryAccount.Counted held = account.count();
            if (held.bytes() > account.quota() && account.holder().killForMemory("memory: the JVM's heap is nearly exhausted ("
                    + why + ") and this SIP is over its quota of " + MemoryAccount.mib(account.quota()) + " (" + held
                    + ", counted by a heap census)")) {
                return true;
            }
            if (mostHeld == null || held.bytes() > mostHeld.bytes()) {
                most = account;
                mostHeld = held;
            }
        }
        // every SIP is within its quota: the quotas granted add up to more than the heap, and one must go
        return most != null && most.holder().killForMemory("memory: the JVM's heap is nearly exhausted (" + why
                + "), no SIP is over its quota by a heap census, and this SIP holds the most (" + mostHeld
                + "; its quota is " + MemoryAccount.mib(most.quota()) + ")");
    }

    /** How far over its quota an account's estimate is, or, for one under, its estimate. */
    private static long excess(MemoryAccount account) {
        long held = account.liveEstimate();
        return held > account.quota() ? held - account.quota() : held;
    }

    void close() {
        try {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(this);
        } catch (ListenerNotFoundException alreadyGone) {
            // nothing to undo
        }
    }
}
