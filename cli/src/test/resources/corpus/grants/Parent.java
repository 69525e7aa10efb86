import singj.abi.Channel;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.ProcessControl;
import singj.abi.Sip;
import singj.abi.TerminalInput;

/**
 * Starts args[0] through the children's service, asking for far more quota than it holds itself,
 * reports the child's row (what it was granted) and how it ended, then tries to kill a SIP it did
 * not start (args[1]). The child's standard input is the parent's: the child waits for its end,
 * which comes only after the parent has read the child's row, so the row is always there to read.
 */
public class Parent {
    public static void main(String[] args) {
        Endpoint<ProcessControl> children = Sip.open(ProcessControl.CHILDREN, ProcessControl.class);
        Endpoint<ProcessControl> control = Sip.open(ProcessControl.CHILDREN, ProcessControl.class);
        Channel<TerminalInput> input = Sip.newChannel(TerminalInput.class);
        children.send(new ProcessControl.Spawn(args[0], "", input.client(), "threads=100000 channels=100000 names=1000 accepts=100000 exchange=1g"));
        Message spawned = children.receive();
        System.out.println("spawned: " + spawned);
        control.send(new ProcessControl.ListProcesses());
        for (Message m = control.receive(); m instanceof ProcessControl.Row row; m = control.receive()) {
            System.out.println("child row: threads " + row.threadLimit() + " channels " + row.channelLimit() + " names "
                    + row.nameLimit() + " accepts " + row.acceptLimit() + " memory " + row.memoryQuota() + " parent "
                    + row.parent() + " granted " + row.granted());
            control.send(new ProcessControl.More());
        }
        input.server().receive();
        input.server().send(new TerminalInput.EndOfInput());
        System.out.println("exited: " + children.receive());
        control.send(new ProcessControl.Kill(Integer.parseInt(args[1])));
        System.out.println("kill stranger: " + control.receive());
    }
}
