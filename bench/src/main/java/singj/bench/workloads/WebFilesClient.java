package singj.bench.workloads;

import java.util.ArrayList;
import java.util.List;
import singj.abi.Block;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.Sip;

/**
 * The client SIP of the WebFiles benchmark: {@code WebFilesClient PASSES DIR...}. It lists the
 * directories once, then reads every file whole, in the listing's order, PASSES times, as a web
 * server serving them would: open, read in 64 KiB requests until a short read, close. After each
 * pass it prints {@code pass NANOS FILES BYTES}.
 */
public final class WebFilesClient {
    static final int CHUNK = 64 << 10;

    private WebFilesClient() {}

    public static void main(String[] args) {
        int passes = Integer.parseInt(args[0]);
        Endpoint<Directory> root = Sip.open(Directory.ROOT, Directory.class);
        List<String> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            root.send(new Directory.List(args[i]));
            for (Message m = root.receive(); m instanceof Directory.Entry e; m = root.receive()) {
                paths.add(args[i] + "/" + e.name());
                root.send(new Directory.More());
            }
        }
        Block block = Sip.allocate(CHUNK);
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            long bytes = 0;
            for (String path : paths) {
                root.send(new Directory.OpenFile(path, false, false));
                Message opened = root.receive();
                if (!(opened instanceof Directory.OpenedFile(Endpoint<FileHandle> file))) {
                    throw new IllegalStateException(path + ": " + opened);
                }
                int got = CHUNK;
                while (got == CHUNK) {
                    file.send(new FileHandle.Read(CHUNK, block));
                    switch (file.receive()) {
                        case FileHandle.Data(Block back, int n) -> {
                            block = back;
                            got = n;
                        }
                        default -> throw new IllegalStateException(path + ": not an answer to Read");
                    }
                    bytes += got;
                }
                file.close();
            }
            System.out.println("pass " + (System.nanoTime() - start) + " " + paths.size() + " " + bytes);
        }
        block.free();
        root.close();
    }
}
