import singj.abi.BlockDevice;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.ProcessControl;
import singj.abi.Sip;
import singj.abi.Terminal;

/**
 * A program whose manifest asks for /* and /fs by name, run with the default offer: it tries the
 * system's services by name (the file system's root, the console, the process manager, the raw
 * disk) and, if it reached the root, overwrites secret.txt and prints ESCAPED. Each attempt prints
 * what happened; the test judges from outside. With args[0] "register" it also tries to take /fs.
 */
public class ServiceProber {
    public static void main(String[] args) {
        Endpoint<Directory> root = probe("/fs", Directory.class);
        if (root != null) {
            root.send(new Directory.Delete("secret.txt"));
            Message m = root.receive();
            System.out.println("/fs: ESCAPED, delete secret.txt: " + m);
        }
        probe("/service/console", Terminal.class);
        probe("/kernel/processes", ProcessControl.class);
        probe("/dev/disk0", BlockDevice.class);
        probe("/dev/disk0/read-only", BlockDevice.class);
        Endpoint<ProcessControl> children = probe(ProcessControl.CHILDREN, ProcessControl.class);
        System.out.println("children: " + (children == null ? "refused" : "opened"));
        if (args.length > 0 && args[0].equals("register")) {
            try {
                Sip.register("/fs", Directory.class);
                System.out.println("register /fs: ESCAPED");
            } catch (RuntimeException e) {
                System.out.println("register /fs refused: " + e.getMessage());
            }
        }
    }

    private static <C> Endpoint<C> probe(String name, Class<C> contract) {
        try {
            Endpoint<C> end = Sip.open(name, contract);
            System.out.println("opened " + name);
            return end;
        } catch (RuntimeException e) {
            System.out.println("refused " + name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        }
    }
}
