package singj.abi;

/**
 * A send or receive out of turn: the message names the contract, the state and the message.
 * The channel is closed when this is thrown, and the peer learns why.
 */
public final class ContractViolationException extends IllegalStateException {
    public ContractViolationException(String message) {
        super(message);
    }
}
