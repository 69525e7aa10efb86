import singj.abi.Block;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.Sip;

/**
 * An ordinary program that writes a file and exits without ever syncing it, as most programs do:
 * {@code LazyWriter PATH TEXT...}. The file system must commit it on its own.
 */
public class LazyWriter {
    public static void main(String[] args) {
        Endpoint<Directory> root = Sip.open("/fs", Directory.class);
        root.send(new Directory.OpenFile(args[0], true, true));
        Message opened = root.receive();
        if (!(opened instanceof Directory.OpenedFile(Endpoint<FileHandle> file))) {
            System.out.println("open: " + opened);
            System.exit(1);
            return;
        }
        byte[] text = (String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Block block = Sip.allocate(text.length);
        block.copyFrom(text, 0, 0, text.length);
        file.send(new FileHandle.Write(text.length, block));
        switch (file.receive()) {
            case FileHandle.Written(Block back, int n) -> back.free();
            case FileHandle.Failed(String error, String reason, Block back) -> {
                System.out.println("write: " + error + ": " + reason);
                System.exit(1);
            }
            default -> throw new IllegalStateException("not an answer to Write");
        }
        System.out.println("wrote " + text.length + " bytes, not synced");
    }
}
