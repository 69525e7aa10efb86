package singj.kernel.proc;

import singj.kernel.ipc.Ipc;

/**
 * The kernel's side of a SIP whose program runs in a process of its own (docs/isolation.md,
 * {@code singj.kernel.isolate.ProcessSip}): run on the SIP's main thread, it returns the SIP's
 * exit status. A kill interrupts it; it must end the process and return promptly.
 */
@FunctionalInterface
public interface IsolatedProgram {
    /**
     * @param contracts the loader of the program's contract classes as the kernel links them, for
     *     the messages the relay rebuilds (no code of the program runs in the kernel)
     */
    int run(Proc sip, ClassLoader contracts, Ipc ipc) throws Exception;
}
