import singj.abi.Channel;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.ProcessControl;
import singj.abi.Sip;
import java.util.List;

/**
 * Hands a directory of the file system to a child (args[0], run with args[1..]) through the
 * children's service: first three forged hand-overs (a mount path with no endpoint, an endpoint of
 * another contract, the server end of a Directory channel), each refused; then its own endpoint to
 * "sub", seen by the child at /data: the child's file code reaches that directory and nothing else.
 * Last a read-only endpoint to "sub", handed on as read-write: the file system refuses the child's writes.
 */
public class DirectoryPasser {
    /** A value of its own for each message: what moves into one message is not used again. */
    static String childArgs(String[] args) {
        return ProcessControl.joinArguments(List.of(args).subList(1, args.length));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) {
        Endpoint<ProcessControl> children = Sip.open(ProcessControl.CHILDREN, ProcessControl.class);

        children.send(new ProcessControl.Spawn(args[0], childArgs(args), null, "",
                ProcessControl.joinArguments(List.of("--fs-rw=/data")), null));
        System.out.println("no endpoint: " + children.receive());

        Endpoint<ProcessControl> other = Sip.open(ProcessControl.CHILDREN, ProcessControl.class);
        children.send(new ProcessControl.Spawn(args[0], childArgs(args), null, "",
                ProcessControl.joinArguments(List.of("--fs-rw=/data")), (Endpoint) other));
        System.out.println("another contract: " + children.receive());

        Channel<Directory> own = Sip.newChannel(Directory.class);
        children.send(new ProcessControl.Spawn(args[0], childArgs(args), null, "",
                ProcessControl.joinArguments(List.of("--fs-rw=/data")), own.server()));
        System.out.println("a server end: " + children.receive());

        Endpoint<Directory> root = Sip.open(Directory.ROOT, Directory.class);
        root.send(new Directory.OpenDirectory("sub", false));
        Directory.OpenedDirectory sub = (Directory.OpenedDirectory) root.receive();
        children.send(new ProcessControl.Spawn(args[0], childArgs(args), null, "",
                ProcessControl.joinArguments(List.of("--fs-rw=/data")), sub.directory()));
        Message spawned = children.receive();
        System.out.println("passed on: " + (spawned instanceof ProcessControl.Spawned ? "spawned" : spawned));
        if (spawned instanceof ProcessControl.Spawned) {
            System.out.println("child: " + children.receive());
        }

        // a read-only endpoint handed on as if read-write: the child's runtime lets its writes go, the file system refuses them
        root.send(new Directory.OpenReadOnly("sub"));
        Directory.OpenedDirectory readOnly = (Directory.OpenedDirectory) root.receive();
        children.send(new ProcessControl.Spawn(args[0], childArgs(args), null, "",
                ProcessControl.joinArguments(List.of("--fs-rw=/data")), readOnly.directory()));
        Message second = children.receive();
        System.out.println("handed read-only: " + (second instanceof ProcessControl.Spawned ? "spawned" : second));
        if (second instanceof ProcessControl.Spawned) {
            System.out.println("read-only child: " + children.receive());
        }
    }
}
