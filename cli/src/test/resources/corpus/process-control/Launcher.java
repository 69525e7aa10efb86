import java.util.List;
import singj.abi.Channel;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.ProcessControl;
import singj.abi.Sip;
import singj.abi.TerminalInput;

/**
 * Starts programs through the process manager's service for a SIP's own children: one that does not
 * exist, one with a standard input of the wrong contract, then args[0] with arguments and an
 * input this program serves itself, and reports every answer.
 */
public class Launcher {
    public static void main(String[] args) {
        Endpoint<ProcessControl> processes = Sip.open(ProcessControl.CHILDREN, ProcessControl.class);

        processes.send(new ProcessControl.Spawn("no-such-program", "", null, ""));
        System.out.println("unknown: " + processes.receive());

        Channel<ProcessControl> other = Sip.newChannel(ProcessControl.class);
        processes.send(new ProcessControl.Spawn(args[0], "", forged(other.client()), ""));
        System.out.println("wrong input: " + processes.receive());

        Channel<TerminalInput> input = Sip.newChannel(TerminalInput.class);
        processes.send(new ProcessControl.Spawn(args[0], ProcessControl.joinArguments(List.of("one", "two words", "")),
                input.client(), ""));
        Message spawned = processes.receive();
        System.out.println("spawned: " + (spawned instanceof ProcessControl.Spawned s ? s.program() : spawned));
        System.out.println("input still mine: " + input.client().isOpen());
        int reads = 0;
        try {
            while (true) {
                input.server().receive();
                input.server().send(reads++ == 0 ? new TerminalInput.Data("hello\nworld\n") : new TerminalInput.EndOfInput());
            }
        } catch (ChannelClosedException closed) {
            System.out.println("input closed after " + reads + " reads");
        }
        Message exited = processes.receive();
        System.out.println("exited: " + (exited instanceof ProcessControl.Exited e ? "code " + e.code() + " [" + e.killedBecause() + "]" : exited));
    }

    /** What a hostile client would do: pass an endpoint of another contract where standard input goes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Endpoint<TerminalInput> forged(Endpoint endpoint) {
        return (Endpoint<TerminalInput>) endpoint;
    }
}
