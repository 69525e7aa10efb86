package singj.kernel.proc;

/**
 * The body of a system SIP (console, shell): trusted code built into the kernel's image rather
 * than installed, run on its own thread and listed in the process table like any SIP. A kill
 * interrupts its thread; it must return promptly when interrupted.
 */
@FunctionalInterface
public interface SystemProgram {
    /** Runs the SIP; returns its exit code. */
    int run(Proc self) throws Exception;
}
