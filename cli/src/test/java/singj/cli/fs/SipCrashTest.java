package singj.cli.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import singj.fs.DirEntry;
import singj.fs.FileSystem;
import singj.fs.Fsck;
import singj.fs.host.ImageDisk;

/**
 * The whole storage stack (kernel, disk driver SIP, file system SIP, a client) in one JVM, killed
 * with kill -9 at random moments, again and again on one disk image: after each kill, fsck finds
 * the image clean and every file whose sync the file system acknowledged is there byte for byte.
 * 10 kills here; {@code -Dsingj.fs.crashRuns=100} for a long run.
 */
class SipCrashTest {
    record Expected(int length, long seed) {}

    @TempDir
    Path work;

    @Test
    void theStackKilledAtRandomMomentsLeavesACleanDiskWithEverySyncedWrite() throws Exception {
        int runs = Integer.getInteger("singj.fs.crashRuns", 10);
        Random random = new Random(Long.getLong("singj.fs.crashSeed", System.nanoTime()));
        Map<String, Expected> durable = new HashMap<>();
        int syncs = 0;
        for (int run = 0; run < runs; run++) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process writer = new ProcessBuilder(java, "-Xss4m", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                    "-Dsingj.apps=" + System.getProperty("singj.apps"), "-cp", System.getProperty("java.class.path"),
                    SipCrashWriter.class.getName(), work.toString(), "r" + run, Long.toString(random.nextLong()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue("mounted".equals(first), "run " + run + ": the stack did not come up: " + first);
            CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> out.lines().toList());
            Thread.sleep(100 + random.nextInt(1500));
            // kill -9 from outside: Process.destroyForcibly would also close our end of its output
            assertTrue(new ProcessBuilder("kill", "-9", Long.toString(writer.pid())).start().waitFor(30, TimeUnit.SECONDS));
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            Map<String, Expected> pending = new HashMap<>();
            Set<String> deletes = new HashSet<>();
            for (String line : rest.get(30, TimeUnit.SECONDS)) {
                if (line.equals("synced")) {
                    durable.putAll(pending);
                    deletes.forEach(durable::remove);
                    pending.clear();
                    deletes.clear();
                    syncs++;
                } else if (line.startsWith("+")) {
                    String[] p = line.substring(1).split(" ");
                    pending.put(p[0], new Expected(Integer.parseInt(p[1]), Long.parseLong(p[2])));
                } else if (line.startsWith("-")) {
                    pending.remove(line.substring(1));
                    deletes.add(line.substring(1));
                }
            }
            try (ImageDisk disk = ImageDisk.open(work.resolve("disk0.img"), true)) {
                Fsck.Report report = Fsck.check(disk);
                assertTrue(report.clean(), "run " + run + ": fsck " + report.problems());
                FileSystem fs = FileSystem.mount(disk);
                Set<String> names = new HashSet<>();
                for (DirEntry e : fs.list(fs.root())) {
                    names.add(e.name());
                }
                for (var e : durable.entrySet()) {
                    if (deletes.contains(e.getKey()) && !names.contains(e.getKey())) {
                        continue; // deleted after the last sync
                    }
                    assertTrue(names.contains(e.getKey()), "run " + run + ": synced file " + e.getKey() + " is missing");
                    assertArrayEquals(SipCrashWriter.pattern(e.getValue().length(), e.getValue().seed()),
                            read(fs, e.getKey()), "run " + run + ": synced file " + e.getKey());
                }
                for (String name : names) {
                    if (!durable.containsKey(name) && pending.containsKey(name)) {
                        Expected maybe = pending.get(name);
                        assertArrayEquals(SipCrashWriter.pattern(maybe.length(), maybe.seed()), read(fs, name),
                                "run " + run + ": unsynced file " + name + " is there but not whole");
                        durable.put(name, maybe);
                    }
                }
                durable.keySet().removeIf(name -> deletes.contains(name) && !names.contains(name));
                fs.sync();
            }
        }
        System.out.printf("SipCrashTest: %d kills, %d syncs acknowledged%n", runs, syncs);
        assertTrue(syncs > 0, "no sync returned in any run: the kills came too early to test anything");
    }

    private static byte[] read(FileSystem fs, String name) {
        FileSystem.Node node = fs.lookup(fs.root(), name);
        byte[] b = new byte[(int) fs.stat(node).size()];
        fs.read(node, 0, b, 0, b.length);
        return b;
    }
}
