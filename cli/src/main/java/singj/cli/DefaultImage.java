package singj.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import singj.abi.ChannelClosedException;
import singj.abi.ConsoleControl;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Installer;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.ProcessControl;
import singj.abi.SystemStatus;
import singj.installer.InstallException;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelException;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.dev.DiskImage;
import singj.kernel.ipc.Grants;
import singj.kernel.proc.Proc;

/**
 * The programs every image starts with: the example programs' jars, in the directory the
 * launcher names with {@code -Dsingj.apps=DIR}. At boot each is installed if the image lacks it
 * or holds another build of it, so a newcomer can type {@code run hello} at once. A program a
 * person installed under the same name is theirs and is left alone.
 *
 * <p>And the image's device policy ({@link #startDisk}): device {@value #DISK} is the image's disk,
 * {@code IMAGE/disks/disk0.img}, made on first boot, driven by the default image's
 * {@value #DRIVER} and by no other program, not even one a person installed under that name.
 */
final class DefaultImage {
    static final String APPS_PROPERTY = "singj.apps";
    /** How the image records where a default program came from, to tell it from a person's own install. */
    static final String SOURCE_PREFIX = "default image: ";

    /** The default image's disk driver, the only program device {@value #DISK} is granted to. */
    static final String DRIVER = "disk-driver";
    static final String DISK = "disk0";
    /** The default image's file system SIP, started after the driver, serving {@code /fs}. */
    static final String FILE_SYSTEM = "file-system";
    static final String FILE_SYSTEM_ROOT = "/fs";
    /**
     * The file system's grant: it registers {@value #FILE_SYSTEM_ROOT} and opens the raw disk. It
     * is a system grant ({@link Kernel#spawnService}) so that its root is a system service: a user
     * program reaches it only if its starter names it, otherwise only through the directory
     * endpoint the shell hands it.
     */
    static final Grants FILE_SYSTEM_NAMES = new Grants(List.of(FILE_SYSTEM_ROOT), List.of("/dev/" + DISK), true);
    /** The default image's shell, started as a system SIP with the system's names it asks for. */
    static final String SHELL = "shell";
    /** The most the shell is granted: the system's services it speaks to, and the file system. */
    static final Grants SHELL_NAMES = new Grants(List.of(), List.of(ProcessControl.NAME, SystemStatus.NAME, Installer.NAME,
            ConsoleControl.NAME, FILE_SYSTEM_ROOT), true);
    /** A sparse file: the host allocates what is written, not this. */
    static final long DISK_BYTES = 64L << 20;

    /** How long shutdown waits for the file system's last commit. */
    static final Duration SHUTDOWN_SYNC = Duration.ofSeconds(10);

    private DefaultImage() {}

    /** Where the image keeps the disk it boots with. */
    static Path diskImage(SystemImage image) {
        return image.root().resolve("disks").resolve(DISK + ".img");
    }

    /**
     * Attaches the image's disk (creating it on first boot) as {@value #DISK}, bound to the default
     * image's {@value #DRIVER}, and starts the driver with {@code stdio} (the host's streams in
     * {@code singj boot}: it prints only when something is wrong). Returns
     * the driver's SIP, or null with a line on {@code err} saying why the system boots without a
     * disk (no driver from the default image, a damaged image file): the rest of the system runs.
     */
    static Proc startDisk(Kernel kernel, SystemImage image, Stdio stdio, PrintStream err) {
        if (!fromDefaultImage(image, DRIVER)) {
            err.println("singj: booting without " + DISK + ": " + (image.contains(DRIVER)
                    ? "the program '" + DRIVER + "' in the image was not installed by the default image"
                    : "the image has no '" + DRIVER + "'"));
            return null;
        }
        try {
            kernel.attachDevice(DISK, DiskImage.createIfMissing(diskImage(image), DISK_BYTES), image.load(DRIVER));
            Proc driver = kernel.spawn(DRIVER, SipOptions.of(stdio));
            awaitName(kernel, driver, "/dev/" + DISK + "/read-only");
            return driver;
        } catch (KernelException e) {
            err.println("singj: booting without " + DISK + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Starts the default image's file system SIP, a service of the system, on the driver's disk (it makes a file
     * system on a disk that has none, so the first boot formats the new image) with the grant of the
     * raw disk and of {@value #FILE_SYSTEM_ROOT} alone, and waits until it serves the root. Returns it, or
     * null with a line on {@code err} saying why the system boots without a file system (a person's
     * own program under that name; a damaged disk, which the SIP names on {@code stdio}).
     */
    static Proc startFileSystem(Kernel kernel, SystemImage image, Stdio stdio, PrintStream err) {
        if (!fromDefaultImage(image, FILE_SYSTEM)) {
            err.println("singj: booting without a file system: " + (image.contains(FILE_SYSTEM)
                    ? "the program '" + FILE_SYSTEM + "' in the image was not installed by the default image"
                    : "the image has no '" + FILE_SYSTEM + "'"));
            return null;
        }
        try {
            Proc fs = kernel.spawnService(image.load(FILE_SYSTEM), SipOptions.of(stdio), FILE_SYSTEM_NAMES);
            awaitName(kernel, fs, FILE_SYSTEM_ROOT);
            return fs;
        } catch (KernelException e) {
            err.println("singj: booting without a file system: " + e.getMessage());
            return null;
        }
    }

    /**
     * Starts the default image's shell as a system SIP (its output and input the console's), with
     * {@code banner} as its argument: the system's names it asks for are granted because this
     * program, and no program a person installed under its name, is the image's shell. Returns it,
     * or null with a line on {@code err} saying why there is no shell.
     */
    static Proc startShell(Kernel kernel, SystemImage image, String banner, PrintStream err) {
        if (!fromDefaultImage(image, SHELL)) {
            err.println("singj: no shell: " + (image.contains(SHELL)
                    ? "the program '" + SHELL + "' in the image was not installed by the default image"
                    : "the image has no '" + SHELL + "'"));
            return null;
        }
        try {
            return kernel.spawnSystem(image.load(SHELL), SipOptions.of(Stdio.console((singj.abi.Endpoint<singj.abi.TerminalInput>) null), banner),
                    SHELL_NAMES);
        } catch (KernelException e) {
            err.println("singj: no shell: " + e.getMessage());
            return null;
        }
    }

    /**
     * Asks the file system to commit what its clients wrote and did not sync, before the kernel
     * stops every SIP: a clean shutdown loses nothing written, even by a program that never synced
     * and is still running. The kernel asks as a client of {@value #FILE_SYSTEM_ROOT}, like any
     * other. A file system that does not answer within {@code SHUTDOWN_SYNC} does not hold up the
     * shutdown: what it had not committed is lost, as in a crash, and the journal keeps the rest whole.
     */
    static void syncFileSystem(Kernel kernel, PrintStream err) {
        Endpoint<Directory> root;
        try {
            root = kernel.ipc().names().open(FILE_SYSTEM_ROOT, Directory.class, kernel.host());
        } catch (NameServiceException none) {
            return; // no file system running: nothing to commit
        }
        try {
            root.send(new Directory.Sync());
            Message answer = root.receive(SHUTDOWN_SYNC);
            if (answer == null) {
                err.println("singj: the file system did not commit within " + SHUTDOWN_SYNC.toSeconds()
                        + " s; what no program synced since its last commit is lost");
            } else if (answer instanceof Directory.Failed(String error, String reason)) {
                err.println("singj: the file system could not commit at shutdown: " + error + ": " + reason);
            }
        } catch (ChannelClosedException ended) {
            err.println("singj: the file system ended before it committed at shutdown: " + ended.getMessage());
        } finally {
            root.close();
        }
    }

    /**
     * Waits (a few milliseconds) until {@code sip} has registered {@code name}, so that the shell's
     * first command finds it; a SIP that ends instead has said why on the console.
     */
    private static void awaitName(Kernel kernel, Proc sip, String last) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!sip.exitStatus().isDone() && System.nanoTime() < deadline
                && kernel.ipc().names().list().stream().noneMatch(name -> name.name().equals(last))) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    private static boolean fromDefaultImage(SystemImage image, String name) {
        return image.entries().stream()
                .anyMatch(entry -> entry.name().equals(name) && entry.source().startsWith(SOURCE_PREFIX));
    }

    /** The directory of default programs, or null if this run has none. */
    static Path appsDirectory() {
        String dir = System.getProperty(APPS_PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Brings the default programs in {@code image} up to date; returns how many it (re)installed. */
    static int refresh(SystemImage image, Path apps, PrintStream err) {
        if (apps == null || !Files.isDirectory(apps)) {
            return 0;
        }
        int installed = 0;
        for (Path jar : jars(apps)) {
            try {
                ProgramJar program = ProgramJar.read(jar);
                String name = program.defaultName();
                if (isCurrent(image, name, program.digest())) {
                    continue;
                }
                ProgramInstaller.install(image, program, name, 0, SOURCE_PREFIX + jar.toAbsolutePath());
                installed++;
            } catch (InstallException e) {
                err.println("singj: default image: " + e.getMessage());
            }
        }
        return installed;
    }

    private static boolean isCurrent(SystemImage image, String name, String digest) {
        if (!image.contains(name)) {
            return false;
        }
        return !fromDefaultImage(image, name) || digest.equals(image.sourceDigest(name));
    }

    private static List<Path> jars(Path apps) {
        try (Stream<Path> files = Files.list(apps)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
