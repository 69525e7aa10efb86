package singj.kernel.sched;

import singj.kernel.host.HostRuntime;

/** Run in a JVM of its own by {@link CarrierPoolTest}: prints what SIP threads run on once one has run. */
public final class SchedulerProbe {
    private SchedulerProbe() {}

    public static void main(String[] args) throws InterruptedException {
        var ran = new boolean[1];
        SipThreadScheduler threads = HostRuntime.ofThisJvm().sipThreads();
        threads.threads().start(() -> ran[0] = true).join();
        System.out.println(threads.mechanism() + (ran[0] ? " ran" : " did not run"));
    }
}
