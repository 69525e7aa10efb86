package singj.installer.linear;

import java.lang.classfile.instruction.InvokeInstruction;
import java.util.List;

/** What the walk of one method needs to know about the rest of the program. */
interface LinearityContext {
    /**
     * Whether {@code owner} is a message (a record of a contract) or a {@code Channel}: its
     * constructor moves the handles it is given in, and its accessors read them out.
     */
    boolean isMessage(String owner);

    /** The summaries of the program's methods {@code invoke} may run; empty if it runs none (JDK or ABI code). */
    List<Summary> summaries(InvokeInstruction invoke);
}
