package singj.abi;

/** The two ends of a channel: the client opened it, the server accepted it. */
public enum Side {
    CLIENT, SERVER;

    /** The other end. */
    public Side peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /** As contracts spell it: {@code client} or {@code server}. */
    @Override
    public String toString() {
        return this == CLIENT ? "client" : "server";
    }
}
