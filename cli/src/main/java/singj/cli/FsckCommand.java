package singj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import singj.fs.Fsck;
import singj.fs.host.ImageDisk;

@Command(name = "fsck", description = {"Checks the SingJ file system on a disk image and names every inconsistency.",
        "Exit status: 0 clean, 1 damage found and repaired (--repair), 4 damage found and left."})
final class FsckCommand implements Callable<Integer> {
    static final int REPAIRED = 1;
    static final int DAMAGED = 4;

    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the disk image file (not mounted by a running system)")
    Path image;

    @Option(names = "--repair", description = "fix what is found: clear bad pointers and entries, set link counts, free unreachable inodes, rewrite the bitmap, clear a torn journal record")
    boolean repair;

    FsckCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException(image + ": no such image file");
        }
        try (ImageDisk disk = ImageDisk.open(image, repair)) {
            Fsck.Report report = repair ? Fsck.repair(disk) : Fsck.check(disk);
            for (String note : report.notes()) {
                terminal.out().println(image + ": " + note);
            }
            for (Fsck.Problem p : report.problems()) {
                terminal.out().println(image + ": " + p);
            }
            if (report.clean()) {
                terminal.out().println(image + ": clean");
                return 0;
            }
            if (report.repaired()) {
                terminal.out().println(image + ": " + report.problems().size() + " problems repaired");
                return REPAIRED;
            }
            terminal.out().println(image + ": " + report.problems().size() + " problems"
                    + (report.mountable() ? "; singj fsck --repair fixes them" : "; the file system cannot be mounted"));
            return DAMAGED;
        }
    }
}
