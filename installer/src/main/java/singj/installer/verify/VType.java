package singj.installer.verify;

/**
 * The verification type of one local variable or operand stack slot (JVMS 4.10.1.2). A long or a
 * double is one value here; in the locals it also makes the next slot {@link Top}, and on the
 * stack it counts two words against max_stack.
 */
public sealed interface VType {
    Top TOP = new Top();
    IntType INT = new IntType();
    FloatType FLOAT = new FloatType();
    LongType LONG = new LongType();
    DoubleType DOUBLE = new DoubleType();
    NullType NULL = new NullType();
    UninitializedThis UNINITIALIZED_THIS = new UninitializedThis();

    /** Words the value takes on the stack or in the locals: 2 for long and double, else 1. */
    default int size() {
        return 1;
    }

    /** How a person would name the type: {@code int}, {@code java.lang.String[]}, {@code null}. */
    String describe();

    /** True for what {@code aload}/{@code astore} may move: references, null, uninitialized objects. */
    default boolean isReferenceLike() {
        return false;
    }

    /** Nothing usable: a slot never written, or the second half of a long or double. */
    record Top() implements VType {
        public String describe() {
            return "unset";
        }
    }

    record IntType() implements VType {
        public String describe() {
            return "int";
        }
    }

    record FloatType() implements VType {
        public String describe() {
            return "float";
        }
    }

    record LongType() implements VType {
        public int size() {
            return 2;
        }

        public String describe() {
            return "long";
        }
    }

    record DoubleType() implements VType {
        public int size() {
            return 2;
        }

        public String describe() {
            return "double";
        }
    }

    record NullType() implements VType {
        public String describe() {
            return "null";
        }

        public boolean isReferenceLike() {
            return true;
        }
    }

    /** {@code this} in a constructor before the call to the super (or another own) constructor. */
    record UninitializedThis() implements VType {
        public String describe() {
            return "uninitialized this";
        }

        public boolean isReferenceLike() {
            return true;
        }
    }

    /** The object made by the {@code new} at {@code offset}, before its constructor ran. */
    record Uninitialized(int offset) implements VType {
        public String describe() {
            return "an uninitialized object (new @ " + offset + ")";
        }

        public boolean isReferenceLike() {
            return true;
        }
    }

    /**
     * An initialized reference. {@code name} is an internal class name ({@code java/lang/String})
     * or an array descriptor ({@code [I}, {@code [Ljava/lang/String;}), as a {@code ClassEntry} spells it.
     */
    record Reference(String name) implements VType {
        public boolean isArray() {
            return name.charAt(0) == '[';
        }

        /** The element type of an array type: a reference, or a primitive as int/long/float/double. */
        public VType component() {
            return Descriptors.fieldType(name, 1);
        }

        public String describe() {
            return Descriptors.javaName(name);
        }

        public boolean isReferenceLike() {
            return true;
        }
    }

    /**
     * What a join point leaves when incompatible types meet: as unusable as {@link Top}, but it
     * remembers one type from each side so that a later use can say what the paths disagree on.
     */
    record Conflict(VType one, VType other) implements VType {
        public String describe() {
            return one.describe() + " on one path and " + other.describe() + " on another";
        }
    }
}
