package singj.cli.fs;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import singj.abi.Block;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.dev.DiskImage;
import singj.kernel.ipc.Grants;

/**
 * The whole stack in one JVM for {@link SipCrashTest} to kill: a kernel with the disk image
 * attached, the disk driver and the file system SIPs, and this program as their client over
 * {@code /fs}: create under a temporary name, write in two requests, close, rename into place,
 * delete the oldest now and then, sync; it prints what it did as {@code CrashWriter} in the fs
 * module does ({@code +NAME LENGTH SEED}, {@code -NAME}, {@code synced}).
 */
public final class SipCrashWriter {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String run = args[1];
        Random random = new Random(Long.parseLong(args[2]));
        Path apps = Path.of(System.getProperty("singj.apps"));
        SealedProgram driver = Installer.standard().seal(ProgramJar.read(apps.resolve("disk-driver.jar")), "disk-driver", 0);
        SealedProgram fs = Installer.standard().seal(ProgramJar.read(apps.resolve("file-system.jar")), "file-system", 0);
        Kernel kernel = Kernel.boot(new SystemImage(dir.resolve("image")), KernelConfig.defaults());
        kernel.attachDevice("disk0", DiskImage.createIfMissing(dir.resolve("disk0.img"), 16L << 20), driver);
        Stdio stdio = new Stdio(InputStream.nullInputStream(), System.err, System.err);
        kernel.spawn(driver, SipOptions.of(stdio));
        while (kernel.ipc().names().list().stream().noneMatch(n -> n.name().equals("/dev/disk0/read-only"))) {
            Thread.sleep(2);
        }
        kernel.spawn(fs, SipOptions.of(stdio).withGrants(new Grants(List.of("/fs"), List.of("/dev/disk0"))));
        Endpoint<Directory> root = null;
        while (root == null) {
            try {
                root = kernel.ipc().names().open(Directory.ROOT, Directory.class, kernel.host());
            } catch (NameServiceException notYet) {
                Thread.sleep(2);
            }
        }
        System.out.println("mounted");
        System.out.flush();
        ArrayDeque<String> mine = new ArrayDeque<>();
        for (int i = 0; ; i++) {
            String name = run + "-" + i;
            int length = 1 + random.nextInt(60_000);
            long seed = random.nextLong();
            byte[] data = pattern(length, seed);
            root.send(new Directory.OpenFile(name + ".tmp", true, true));
            Endpoint<FileHandle> file = ((Directory.OpenedFile) expect(root.receive(), Directory.OpenedFile.class)).file();
            int first = length / 3;
            write(kernel, file, data, 0, first);
            write(kernel, file, data, first, length - first);
            file.close();
            root.send(new Directory.Rename(name + ".tmp", name));
            expect(root.receive(), Directory.Done.class);
            System.out.println("+" + name + " " + length + " " + seed);
            mine.add(name);
            if (mine.size() > 12 || random.nextInt(4) == 0 && mine.size() > 1) {
                String old = mine.poll();
                root.send(new Directory.Delete(old));
                expect(root.receive(), Directory.Done.class);
                System.out.println("-" + old);
            }
            if (random.nextInt(3) != 0) {
                root.send(new Directory.Sync());
                expect(root.receive(), Directory.Done.class);
                System.out.println("synced");
            }
            System.out.flush();
        }
    }

    private static void write(Kernel kernel, Endpoint<FileHandle> file, byte[] data, int from, int length) {
        Block block = kernel.ipc().allocate(kernel.host(), Math.max(1, length));
        block.copyFrom(data, from, 0, length);
        file.send(new FileHandle.Write(length, block));
        ((FileHandle.Written) expect(file.receive(), FileHandle.Written.class)).block().free();
    }

    private static Message expect(Message m, Class<?> type) {
        if (!type.isInstance(m)) {
            throw new IllegalStateException("expected " + type.getSimpleName() + ", got " + m);
        }
        return m;
    }

    /** The bytes of a file, as the fs module's tests make them. */
    static byte[] pattern(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

}
