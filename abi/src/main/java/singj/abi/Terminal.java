package singj.abi;

/**
 * The contract of the console's output service, registered at {@value #NAME}: what a SIP writes
 * to its standard output and error reaches the console as messages, one per flush, each answered
 * once the console has written it (so that a SIP's output is on the terminal before the shell
 * reports it ended). The kernel speaks it for every SIP the shell starts; programs do not.
 */
@Contract({
    "READY   client: Write -> WRITING",
    "WRITING server: Written -> READY"
})
public interface Terminal {
    /** Where the console registers its output service. */
    String NAME = "/service/console";

    /** Bytes for standard error ({@code error}) or output, one char per byte (ISO-8859-1). */
    record Write(boolean error, String bytes) implements Message {}

    record Written() implements Message {}
}
