import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.ProcessControl;
import singj.abi.Sip;

/** Lists the processes through the kernel's process manager, then kills the pid it is given. */
public class TaskManager {
    public static void main(String[] args) {
        Endpoint<ProcessControl> processes;
        try {
            processes = Sip.open(String.join("", "/kernel", "/processes"), ProcessControl.class); // computed: checked at run time
        } catch (NameServiceException denied) {
            System.out.println("denied: " + denied.getMessage());
            return;
        }
        processes.send(new ProcessControl.ListProcesses());
        while (processes.receive() instanceof ProcessControl.Row row) {
            System.out.println("row " + row.pid() + " " + row.program() + (row.pid() == Sip.pid() ? " (me)" : ""));
            processes.send(new ProcessControl.More());
        }
        processes.send(new ProcessControl.Kill(Integer.parseInt(args[0])));
        System.out.println("kill: " + processes.receive());
        processes.send(new ProcessControl.Kill(Sip.pid() + 1000));
        System.out.println("kill: " + processes.receive());
    }
}
