package singj.abi;

/** A new channel: its two endpoints, both held by the SIP that created it until it sends one away. */
public record Channel<C>(Endpoint<C> client, Endpoint<C> server) {}
