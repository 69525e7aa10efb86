package singj.installer.linear;

/**
 * What has become of one tracked value at a point of a method: still held, or given away (sent,
 * freed, closed, moved into a container or a callee), on every path or on some.
 *
 * @param state held, gone on every path, or gone on some
 * @param how what gave it away, for a person: "freed", "sent", "moved into a message", ...
 * @param offset the bytecode offset where it was given away, or -1
 */
record Fate(State state, String how, int offset) {
    enum State { HELD, GONE, GONE_ON_SOME_PATHS }

    static final Fate HELD = new Fate(State.HELD, "", -1);

    static Fate gone(String how, int offset) {
        return new Fate(State.GONE, how, offset);
    }

    boolean isHeld() {
        return state == State.HELD;
    }

    /** Where paths join; {@code null} stands for a path on which the value did not exist yet. */
    static Fate join(Fate one, Fate other) {
        if (one == null || one.equals(other)) {
            return other;
        }
        if (other == null) {
            return one;
        }
        if (one.state == State.GONE && other.state == State.GONE) {
            return one.offset <= other.offset ? one : other; // gone either way: name one place
        }
        Fate gone = one.isHeld() ? other : one;
        return new Fate(State.GONE_ON_SOME_PATHS, gone.how, gone.offset);
    }

    /** The end of "used after it was ...", for a violation. */
    String describe() {
        String at = offset >= 0 ? " at " + offset : "";
        return state == State.GONE ? how + at : how + at + " on one path and not on another";
    }
}
