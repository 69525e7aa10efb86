package singj.installer.verify;

/** The rule names the type verifier reports (listed with what each covers in docs/verifier.md). */
public final class Rules {
    private Rules() {}

    /** Operand types, stack depth, locals, merges, uninitialized objects, returns, invokespecial, protected. */
    public static final String TYPE_SAFETY = "type-safety";
    /** Branch targets and handler ranges on instruction boundaries, falling off the code, code length. */
    public static final String CODE_STRUCTURE = "code-structure";
    /** An instruction whose constant pool operand is of the wrong kind. */
    public static final String CONSTANT_POOL = "constant-pool";
    /** A final field written outside its own class's constructor or static initialiser. */
    public static final String FINAL_FIELD = "final-field";
    /** jsr and ret. */
    public static final String SUBROUTINE = "subroutine";
    /**
     * The supertypes a class names, as the JVM checks them when it loads the class: no cycle, a
     * class as superclass and interfaces as superinterfaces, none final or sealed against it, each
     * accessible, no final method overridden.
     */
    public static final String CLASS_HEADER = "class-header";
    /** Anything the verifier could not make sense of at all. */
    public static final String MALFORMED_CLASS = "malformed-class";
}
