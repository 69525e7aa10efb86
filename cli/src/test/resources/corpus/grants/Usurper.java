import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.ProcessControl;
import singj.abi.Sip;

/**
 * Written to kill another SIP: its manifest asks for /kernel/processes (and /* beside it), it opens
 * the name computed at run time so the installer cannot see it, and when that fails it tries the
 * children's service, whose Kill it hopes takes any pid.
 */
public class Usurper {
    public static void main(String[] args) {
        int victim = Integer.parseInt(args[0]);
        for (String name : new String[] {String.join("", "/kernel", "/processes"), ProcessControl.NAME}) {
            try {
                Endpoint<ProcessControl> processes = Sip.open(name, ProcessControl.class);
                processes.send(new ProcessControl.Kill(victim));
                System.out.println("kernel kill: " + processes.receive());
            } catch (NameServiceException denied) {
                System.out.println("denied: " + denied.getMessage());
            }
        }
        Endpoint<ProcessControl> children = Sip.open(ProcessControl.CHILDREN, ProcessControl.class);
        children.send(new ProcessControl.Kill(victim));
        System.out.println("children kill: " + children.receive());
        children.send(new ProcessControl.ListProcesses());
        int rows = 0;
        for (Message m = children.receive(); m instanceof ProcessControl.Row; m = children.receive()) {
            rows++;
            children.send(new ProcessControl.More());
        }
        System.out.println("children listed: " + rows);
    }
}
