package singj.installer.surface;

/**
 * What a JDK member must never do on a SIP's behalf, because it reaches beyond the SIP: the
 * sinks of the surface analysis. A member whose code can reach one (through the calls it makes
 * on its own behalf, not on the objects its caller handed it) is denied to SIPs, unless a
 * redirect gives the SIP its own version or a reviewed exception says why it is safe.
 * {@link #rule} is the name a rejection shows; {@link #what} completes "reaches ...".
 */
enum Sink {
    HOST_IO("host-io", "host files, sockets or the host's console"),
    PROCESS("process-spawn", "host processes"),
    HOST_STATE("jvm-global-state", "the JVM's system properties or the host's environment"),
    JVM_EXIT("jvm-global-state", "the whole JVM's shutdown"),
    JVM_STATE("jvm-global-state", "a change to state the whole JVM shares (its standard streams, its heap)"),
    /** Found by data flow, and not enforced yet (SurfaceAnalysis): the caller's data kept in JVM-wide state. */
    STATIC_WRITE("jvm-global-state", "a write to state the whole JVM shares (a static field or an object reached from one)"),
    THREADS("threads", "a thread the kernel does not know"),
    SHARED_MONITOR("shared-monitor", "a lock, wait or notify on an object its caller supplied or that every SIP shares"),
    REFLECTION("reflection", "reflection over classes and members"),
    METHOD_HANDLES("method-handles", "method handles that can call anything"),
    CLASS_LOADING("class-loading", "class loading or definition"),
    NATIVE("native-code", "native code not reviewed as pure");

    final String rule;
    final String what;

    Sink(String rule, String what) {
        this.rule = rule;
        this.what = what;
    }
}
