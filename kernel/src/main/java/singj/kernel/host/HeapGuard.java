package singj.kernel.host;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Comparator;
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
 * own; else the one holding the most. The heap is the
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

    /** Kills the expendable SIP furthest over its quota, else the one that holds the most; says whether there was one. */
    boolean killLargest(String why) {
        return collections.accounts().stream()
                .filter(account -> account.holder().expendable())
                .max(Comparator.comparing(MemoryAccount::overQuota).thenComparingLong(HeapGuard::excess))
                .map(account -> account.holder().killForMemory("memory: the JVM's heap is nearly exhausted (" + why
                        + ") and this SIP " + (account.overQuota() ? "is the furthest over its quota" : "holds the most")
                        + " (about " + MemoryAccount.mib(account.liveEstimate()) + ", its quota is "
                        + MemoryAccount.mib(account.quota()) + ")"))
                .orElse(false);
    }

    /** How far over its quota an account is, or, for one under, what it holds. */
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
