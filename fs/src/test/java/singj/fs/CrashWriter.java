package singj.fs;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Random;
import singj.fs.FileSystem.Node;
import singj.fs.host.ImageDisk;

/**
 * The workload {@link JvmCrashTest} kills: in its own JVM, on a host image, it creates a file
 * under a temporary name, writes it in two parts (create, append), renames it into place,
 * deletes the oldest file now and then, and syncs; it prints what it did ({@code +NAME LENGTH SEED},
 * {@code -NAME}) and {@code synced} once a sync returned, so the test knows what must be on the disk.
 */
public final class CrashWriter {
    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        String run = args[1];
        Random random = new Random(Long.parseLong(args[2]));
        try (ImageDisk disk = ImageDisk.open(image, true)) {
            FileSystem fs = FileSystem.mount(disk);
            System.out.println("mounted " + fs.recovery());
            System.out.flush();
            Quota q = Quota.unlimited();
            ArrayDeque<String> mine = new ArrayDeque<>();
            for (int i = 0; ; i++) {
                String name = run + "-" + i;
                int length = 1 + random.nextInt(60_000);
                long seed = random.nextLong();
                byte[] data = FileSystemTest.pattern(length, seed);
                Node tmp = fs.create(fs.root(), name + ".tmp", Inode.Kind.FILE, q);
                int first = length / 3;
                fs.write(tmp, 0, data, 0, first, q);
                fs.write(tmp, first, data, first, length - first, q);
                fs.rename(fs.root(), name + ".tmp", fs.root(), name, q);
                System.out.println("+" + name + " " + length + " " + seed);
                mine.add(name);
                if (mine.size() > 12 || random.nextInt(4) == 0 && mine.size() > 1) {
                    String old = mine.poll();
                    fs.delete(fs.root(), old, q);
                    System.out.println("-" + old);
                }
                if (random.nextInt(3) != 0) {
                    fs.sync();
                    System.out.println("synced");
                }
                System.out.flush();
            }
        }
    }
}
