package singj.abi;

/**
 * A message of a {@link Contract}: a record nested in the contract's interface, with fields of
 * primitive types, {@link String}, {@link Block} or {@link Endpoint}. Messages are immutable and
 * travel between SIPs without being copied; a block or endpoint inside one moves to the receiver.
 */
public interface Message {}
