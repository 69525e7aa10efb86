package singj.abi;

/** The channel is closed: the peer closed it or died, or a contract violation ended it. The message says which. */
public final class ChannelClosedException extends RuntimeException {
    public ChannelClosedException(String message) {
        super(message);
    }
}
