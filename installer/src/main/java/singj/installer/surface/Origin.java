package singj.installer.surface;

/**
 * Where a value in a JDK method came from, as bits that join by union. The low half says which
 * object a reference is: the receiver, one of the parameters (each its own bit, so a summary can
 * say which argument a method writes to), a static field, or anything else; a field or element
 * read from an object is reached from it and keeps its bits. The high half says whose data went
 * into a value that was computed (arithmetic, a new object built from arguments, a result).
 *
 * <p>A call on a value that certainly came from the method's caller ({@link #fromCaller}) runs
 * code of an object the caller holds: it is judged as the caller's own use of that object, not as
 * the JDK method's. A value that may have come from a static field is shared by every SIP, so
 * storing the caller's data into it is a sink.
 */
final class Origin {
    static final int THIS = 1;
    static final int STATIC = 2;
    static final int OTHER = 4;
    /** The parameter bits: parameter {@code i} is bit {@code 3 + i}; parameters past the 13th share the last. */
    static final int PARAMS = 0xFFF8;
    /** The caller's objects: the receiver and the parameters. */
    static final int CALLER = THIS | PARAMS;
    private static final int IDENTITY = 0xFFFF;
    /** Positions of a method's frame that a write can reach: the receiver, 13 parameters, and shared objects. */
    static final int POSITIONS = 15;
    static final int STATIC_POSITION = 14;

    private Origin() {}

    static int param(int index) {
        return 1 << (3 + Math.min(index, 12));
    }

    /** Whose data (as {@link #CALLER} bits) a value carries: the caller's object itself, or what was computed from one. */
    static int data(int value) {
        return (value & CALLER) | ((value >>> 16) & CALLER);
    }

    /** A value computed from {@code inputs}: not the caller's object, but carrying its data. */
    static int computed(int inputs) {
        return OTHER | tainted(inputs);
    }

    /** The taint half for the data {@code inputs} carry. */
    static int tainted(int inputs) {
        return data(inputs) << 16;
    }

    /** The objects (identity bits) a value may be. */
    static int identity(int value) {
        return value & IDENTITY;
    }

    /** Whether a value with these origins certainly is an object that came from the caller. */
    static boolean fromCaller(int value) {
        int identity = identity(value);
        return (identity & CALLER) != 0 && (identity & ~CALLER) == 0;
    }

    /** The position (see {@link #POSITIONS}) of a single identity bit. */
    static int position(int bit) {
        return bit == THIS ? 0 : bit == STATIC ? STATIC_POSITION : Integer.numberOfTrailingZeros(bit) - 2;
    }

    /** The identity bit of {@code position}. */
    static int bit(int position) {
        return position == 0 ? THIS : position == STATIC_POSITION ? STATIC : 1 << (position + 2);
    }

    /**
     * What the callee's frame bits {@code calleeBits} (receiver and parameters) are at a call
     * site whose receiver and arguments have the origins {@code positions} (receiver first for an
     * instance call).
     */
    static int atCallSite(int calleeBits, int[] positions, boolean instanceCall) {
        int result = 0;
        for (int p = 0; p < positions.length; p++) {
            int bit = instanceCall ? (p == 0 ? THIS : param(p - 1)) : param(p);
            if ((calleeBits & bit) != 0) {
                result |= positions[p];
            }
        }
        return result;
    }
}
