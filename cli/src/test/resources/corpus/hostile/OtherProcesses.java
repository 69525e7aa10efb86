// expect [process-spawn] java.lang.ProcessHandle.of
// expect [process-spawn] java.lang.ProcessHandle.allProcesses
/**
 * ProcessHandle.current() answers the SIP itself; the handles of the JVM and of other host
 * processes, which could be destroyed or watched, stay out of reach.
 */
public class OtherProcesses {
    public static void main(String[] args) {
        ProcessHandle.of(1).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.allProcesses().forEach(ProcessHandle::destroy);
    }
}
