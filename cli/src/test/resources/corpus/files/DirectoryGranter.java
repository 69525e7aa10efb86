import singj.abi.Endpoint;
import singj.abi.ProcessControl;
import singj.abi.Sip;

/**
 * Hostile: a SIP holds no host directory, so it must not hand one to a child it starts. It asks
 * the children's service to start args[0] with the host's root granted read-write.
 */
public class DirectoryGranter {
    public static void main(String[] args) {
        Endpoint<ProcessControl> children = Sip.open(ProcessControl.CHILDREN, ProcessControl.class);
        children.send(new ProcessControl.Spawn(args[0], "", null, "",
                ProcessControl.joinArguments(java.util.List.of("--dir-rw=/:/host"))));
        System.out.println("answer: " + children.receive());
    }
}
