package singj.kernel.ipc;

/**
 * A message that carries blocks or endpoints, while it is in a queue: its fields, with each
 * block and endpoint replaced by the kernel's own record of it ({@link ExchangeBlock},
 * {@link ChannelEndpoint}), owned by no SIP until the receiver takes the message.
 */
record Parcel(int message, Object[] fields) {}
