package singj.kernel.sched;

/** Run in a JVM of its own by {@link CarrierPoolTest}: prints what SIP threads run on once one has run. */
public final class SchedulerProbe {
    private SchedulerProbe() {}

    public static void main(String[] args) throws InterruptedException {
        var ran = new boolean[1];
        SipThreadScheduler.threads().start(() -> ran[0] = true).join();
        System.out.println(SipThreadScheduler.mechanism() + (ran[0] ? " ran" : " did not run"));
    }
}
