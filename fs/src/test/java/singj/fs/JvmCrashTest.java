package singj.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.fs.host.ImageDisk;

/**
 * The file system's writer killed with SIGKILL (its whole JVM) at random moments, again and again
 * on the same image: after each kill fsck finds the image clean, every file whose sync returned
 * is there byte for byte (and every delete synced is gone), and a file from after the last sync
 * is either absent or whole. 10 kills here; {@code -Dsingj.fs.crashRuns=100} for a long run.
 */
class JvmCrashTest {
    record Expected(int length, long seed) {}

    @TempDir
    Path work;

    @Test
    void aWriterKilledAtRandomMomentsLeavesACleanDiskWithEverySyncedWrite() throws Exception {
        int runs = Integer.getInteger("singj.fs.crashRuns", 10);
        Path image = work.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(16 << 20);
        }
        try (ImageDisk disk = ImageDisk.open(image, true)) {
            FileSystem.mkfs(disk);
        }
        Random random = new Random(Long.getLong("singj.fs.crashSeed", System.nanoTime()));
        Map<String, Expected> durable = new HashMap<>();
        int syncsSeen = 0;
        int replays = 0;
        for (int run = 0; run < runs; run++) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), image.toString(), "r" + run, Long.toString(random.nextLong()))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("mounted"), "the writer did not mount: " + first);
            if (first.startsWith("mounted replayed")) {
                replays++;
            }
            CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> out.lines().toList());
            Thread.sleep(50 + random.nextInt(700));
            // kill -9 from outside: Process.destroyForcibly would also close our end of its output, losing what it said last
            assertTrue(new ProcessBuilder("kill", "-9", Long.toString(writer.pid())).start().waitFor(30, TimeUnit.SECONDS));
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            List<String> lines = rest.get(30, TimeUnit.SECONDS);
            // what the writer said: applied to the durable model up to its last "synced"
            Map<String, Expected> pending = new HashMap<>();
            Set<String> pendingDeletes = new HashSet<>();
            for (String line : lines) {
                if (line.equals("synced")) {
                    durable.putAll(pending);
                    pendingDeletes.forEach(durable::remove);
                    pending.clear();
                    pendingDeletes.clear();
                    syncsSeen++;
                } else if (line.startsWith("+")) {
                    String[] p = line.substring(1).split(" ");
                    pending.put(p[0], new Expected(Integer.parseInt(p[1]), Long.parseLong(p[2])));
                } else if (line.startsWith("-")) {
                    pending.remove(line.substring(1));
                    pendingDeletes.add(line.substring(1));
                } else {
                    throw new AssertionError("the writer failed: " + String.join("\n", lines));
                }
            }
            try (ImageDisk disk = ImageDisk.open(image, true)) {
                Fsck.Report report = Fsck.check(disk);
                assertTrue(report.clean(), "run " + run + ": fsck " + report.problems());
                FileSystem fs = FileSystem.mount(disk);
                Set<String> names = new HashSet<>();
                for (DirEntry e : fs.list(fs.root())) {
                    names.add(e.name());
                }
                for (Map.Entry<String, Expected> e : durable.entrySet()) {
                    if (pendingDeletes.contains(e.getKey()) && !names.contains(e.getKey())) {
                        continue; // deleted after the last sync: gone is as good as there
                    }
                    assertTrue(names.contains(e.getKey()), "run " + run + ": synced file " + e.getKey() + " is missing");
                    byte[] data = FileSystemTest.readAll(fs, fs.lookup(fs.root(), e.getKey()));
                    assertArrayEquals(FileSystemTest.pattern(e.getValue().length(), e.getValue().seed()), data,
                            "run " + run + ": synced file " + e.getKey());
                }
                for (String name : names) {
                    Expected maybe = pending.get(name);
                    if (!durable.containsKey(name) && maybe != null) {
                        byte[] data = FileSystemTest.readAll(fs, fs.lookup(fs.root(), name));
                        assertArrayEquals(FileSystemTest.pattern(maybe.length(), maybe.seed()), data,
                                "run " + run + ": unsynced file " + name + " is there but not whole");
                    }
                }
                // the next run starts from the disk as it is; the deletes it could not have known of stay in the model
                for (String name : new ArrayList<>(pendingDeletes)) {
                    if (!names.contains(name)) {
                        durable.remove(name);
                    }
                }
                for (String name : names) {
                    if (!durable.containsKey(name) && pending.containsKey(name)) {
                        durable.put(name, pending.get(name));
                    }
                }
                fs.sync();
            }
        }
        System.out.printf("JvmCrashTest: %d kills, %d syncs acknowledged, %d mounts replayed a committed transaction%n",
                runs, syncsSeen, replays);
        assertTrue(syncsSeen > 0, "no sync returned in any run: the kills came too early to test anything");
    }
}
