package singj.installer.verify;

/**
 * An operation on an object's identity that the type walk met, with the type it inferred for the
 * object. Other SIPs can hold some objects too (interned strings, {@code Class} objects, cached
 * boxes, the JDK's enum constants), and locking one, waiting on it or reading its identity hash
 * would let SIPs interfere; the installer decides from the type whether the operation is refused,
 * checked when it runs, or safe as it is. Only these few sites are kept, never whole frames.
 *
 * @param className binary name of the class ({@code com.example.Main})
 * @param method the method's name and descriptor
 * @param offset bytecode offset of the instruction
 * @param line source line, or -1 when the class has none
 * @param instruction index of the instruction in the method's code (the sealer counts instructions, not bytes)
 * @param operation what is done to the object
 * @param operandType the object's type merged over every path that reaches the site: an internal
 *     class name ({@code java/lang/String}) or an array descriptor ({@code [I}); null when it is always null
 * @param classConstant when the object is a {@code Class} constant that an {@code ldc} loads just
 *     before the operation (no other path joins in between), the internal name of the class it names; else null
 */
public record IdentitySite(String className, String method, int offset, int line, int instruction, Operation operation,
                           String operandType, String classConstant) {

    /** The identity operations: the ones the installer also checks at run time where types cannot tell. */
    public enum Operation {
        MONITOR_ENTER("synchronized on"),
        WAIT("wait on"),
        NOTIFY("notify on"),
        NOTIFY_ALL("notifyAll on"),
        IDENTITY_HASH_CODE("System.identityHashCode of");

        /** How a message names the operation, followed by the object: "synchronized on a java.lang.String". */
        public final String phrase;

        Operation(String phrase) {
            this.phrase = phrase;
        }
    }
}
