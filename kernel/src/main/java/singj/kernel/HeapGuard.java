package singj.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.NotificationEmitter;

/**
 * The last line of defence for the JVM's heap. Quotas are per SIP, and several SIPs each within
 * its quota can still fill the heap together; when the long-lived heap is still over
 * {@value #THRESHOLD_PERCENT}% full right after a collection, the SIP holding the most is killed,
 * before the JVM throws {@link OutOfMemoryError} at whichever thread allocates next.
 */
final class HeapGuard {
    private static final int THRESHOLD_PERCENT = 90;
    private static final Set<Kernel> KERNELS = ConcurrentHashMap.newKeySet();

    static {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            // the long-lived pool only: a young pool is always nearly full right after a collection
            boolean young = pool.getName().contains("Eden") || pool.getName().contains("Survivor")
                    || pool.getName().contains("Young");
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0 && !young) {
                pool.setCollectionUsageThreshold(max / 100 * THRESHOLD_PERCENT);
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                var info = MemoryNotificationInfo.from((javax.management.openmbean.CompositeData) notification.getUserData());
                long used = info.getUsage().getUsed();
                long max = info.getUsage().getMax();
                if (max > 0 && used >= max / 100 * THRESHOLD_PERCENT) {
                    killLargest(info.getPoolName() + " is " + used * 100 / max + "% full after a collection ("
                            + MemoryAccount.mib(used) + " of " + MemoryAccount.mib(max) + ")");
                }
            }
        }, null, null);
    }

    private HeapGuard() {}

    static void watch(Kernel kernel) {
        KERNELS.add(kernel);
    }

    static void forget(Kernel kernel) {
        KERNELS.remove(kernel);
    }

    private static void killLargest(String why) {
        KERNELS.stream()
                .flatMap(kernel -> kernel.sips().stream())
                .filter(sip -> !sip.isSystem() && sip.state() == SipState.RUNNING)
                .max(Comparator.comparingLong(Sip::memoryEstimate))
                .ifPresent(sip -> sip.kill(KillCause.MEMORY_QUOTA, "memory: the JVM's heap is nearly exhausted ("
                        + why + ") and this SIP holds the most (about " + MemoryAccount.mib(sip.memoryEstimate()) + ")"));
    }
}
