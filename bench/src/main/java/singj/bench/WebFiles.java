package singj.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import singj.abi.Block;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.bench.workloads.WebFilesClient;
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
import singj.kernel.proc.Proc;

/**
 * The paper's WebFiles workload: a set of files of mixed sizes (many small, a few large, as a web
 * server's are) read whole, one after another, three ways in each round, side by side:
 *
 * <ol>
 * <li><b>SingJ</b>: a client SIP ({@link WebFilesClient}) reading them through the file system SIP
 *     at {@code /fs}, which reads its disk through the disk driver SIP at {@code /dev/disk0}, which
 *     reads the host image file: two SIP-to-SIP hops and one kernel call per block;
 * <li><b>java.nio</b>: this JVM reading the same files from a host directory with
 *     {@link FileChannel} into one 64 KiB buffer (open, read until the end, close), as plain Java
 *     does;
 * <li><b>cat</b>: one {@code cat} process given every file, its output to {@code /dev/null}, less
 *     the time of {@code cat /dev/null} in the same round (starting a process from this JVM is most
 *     of it on a loaded machine, and is not reading files).
 * </ol>
 *
 * Every file is in the host's page cache on all three sides (the image file too), so this
 * measures the software path, not a disk. Each round times {@value #PASSES} passes of each side and
 * keeps each side's fastest; the ratios are taken within a round (the machine is shared: its speed
 * drifts between rounds), the first round is a warm-up, and the median of the others is reported.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar singj.bench.WebFiles [rounds] [apps directory] [file-system options]</pre>
 *
 * The apps directory (default {@code cli/target/dist/apps}, which {@code ./mvnw -pl bench,cli -am
 * package} builds) holds {@code disk-driver.jar} and {@code file-system.jar}; the options after it
 * go to the file system SIP (e.g. {@code --cache 4194304}, a block cache smaller than the files).
 * Prints a Markdown table.
 */
public final class WebFiles {
    static final int PASSES = 3;
    static final int CHUNK = 64 << 10;
    static final String[] DIRS = {"small", "medium", "large"};

    private WebFiles() {}

    /** The file set: {@code count} files per directory, sizes spread evenly between the bounds (seeded). */
    record FileSet(Map<String, byte[]> files, long bytes) {
        static FileSet make() {
            Random random = new Random(16);
            Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            add(files, random, "small", 400, 256, 8 << 10);
            add(files, random, "medium", 40, 16 << 10, 128 << 10);
            add(files, random, "large", 6, 512 << 10, 2 << 20);
            return new FileSet(files, files.values().stream().mapToLong(b -> b.length).sum());
        }

        private static void add(Map<String, byte[]> files, Random random, String dir, int count, int min, int max) {
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[min + random.nextInt(max - min + 1)];
                random.nextBytes(b);
                files.put(dir + "/f" + i, b);
            }
        }
    }

    /** One round's fastest pass per side, in nanoseconds; {@code cat} without the start of a {@code cat} process. */
    record Round(long singj, long nio, long cat) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Path apps = Path.of(args.length > 1 ? args[1] : "cli/target/dist/apps");
        List<String> fsOptions = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        FileSet set = FileSet.make();
        Path work = Files.createTempDirectory("singj-webfiles");
        try {
            Path host = work.resolve("host");
            for (Map.Entry<String, byte[]> f : set.files().entrySet()) {
                Files.createDirectories(host.resolve(f.getKey()).getParent());
                Files.write(host.resolve(f.getKey()), f.getValue());
            }
            List<Path> hostFiles = set.files().keySet().stream().map(host::resolve).toList();
            SealedProgram driver = Installer.standard().seal(ProgramJar.read(apps.resolve("disk-driver.jar")), "disk-driver", 0);
            SealedProgram fileSystem = Installer.standard().seal(ProgramJar.read(apps.resolve("file-system.jar")), "file-system", 0);
            SealedProgram client = SealedPrograms.seal("webfiles", WebFilesClient.class, Map.of("SingJ-Opens", "/fs"));
            try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
                kernel.attachDevice("disk0", DiskImage.createIfMissing(work.resolve("disk0.img"), 64L << 20), driver);
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                Stdio stdio = new Stdio(InputStream.nullInputStream(), log, log);
                kernel.spawn(driver, SipOptions.of(stdio));
                awaitName(kernel, "/dev/disk0/read-only", log);
                kernel.spawn(fileSystem, SipOptions.of(stdio).withArgs(fsOptions)
                        .withGrants(new Grants(List.of("/fs"), List.of("/dev/disk0"))));
                populate(kernel, set, log);
                System.out.printf(Locale.ROOT, "WebFiles: %d files, %.1f MiB (%s), %d rounds of %d passes per side, file system %s%n",
                        set.files().size(), set.bytes() / 1048576.0, describe(set), rounds, PASSES,
                        fsOptions.isEmpty() ? "with its defaults" : String.join(" ", fsOptions));
                List<Round> results = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    long singj = singjPasses(kernel, client, set);
                    long nio = min(PASSES, () -> nioPass(hostFiles, set.bytes()));
                    long catStart = min(PASSES, () -> catPass(List.of(Path.of("/dev/null"))));
                    long cat = Math.max(1, min(PASSES, () -> catPass(hostFiles)) - catStart);
                    results.add(new Round(singj, nio, cat));
                    System.out.printf(Locale.ROOT, "round %d: SingJ %.1f ms, java.nio %.1f ms, cat %.1f ms (+ %.1f ms to start it)%n",
                            round + 1, singj / 1e6, nio / 1e6, cat / 1e6, catStart / 1e6);
                }
                report(results.subList(Math.min(1, results.size() - 1), results.size()), set);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String describe(FileSet set) {
        StringBuilder b = new StringBuilder();
        for (String dir : DIRS) {
            long[] sizes = set.files().entrySet().stream().filter(e -> e.getKey().startsWith(dir + "/"))
                    .mapToLong(e -> e.getValue().length).toArray();
            b.append(b.isEmpty() ? "" : ", ").append(sizes.length).append(' ').append(dir).append(' ')
                    .append(Arrays.stream(sizes).min().orElse(0) >> 10).append('-')
                    .append(Arrays.stream(sizes).max().orElse(0) >> 10).append(" KiB");
        }
        return b.toString();
    }

    private interface Pass {
        long run() throws Exception;
    }

    private static long min(int passes, Pass pass) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < passes; i++) {
            best = Math.min(best, pass.run());
        }
        return best;
    }

    /** One client SIP doing {@value #PASSES} passes; its fastest (the SIP's start and listing are not timed). */
    private static long singjPasses(Kernel kernel, SealedProgram client, FileSet set) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(Integer.toString(PASSES)));
        args.addAll(List.of(DIRS));
        Proc sip = kernel.spawn(client, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out))
                .withArgs(args).withGrants(new Grants(List.of(), List.of("/fs"))));
        if (sip.awaitExit(Duration.ofMinutes(3)) == null) {
            throw new IllegalStateException("the WebFiles client did not finish within 3 minutes: " + out
                    + kernel.processes());
        }
        long best = Long.MAX_VALUE;
        int passes = 0;
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            String[] f = line.split(" ");
            if (f.length != 4 || !f[0].equals("pass")) {
                throw new IllegalStateException("the WebFiles client said: " + out);
            }
            if (Integer.parseInt(f[2]) != set.files().size() || Long.parseLong(f[3]) != set.bytes()) {
                throw new IllegalStateException("the client read " + f[2] + " files, " + f[3] + " bytes; the set has "
                        + set.files().size() + ", " + set.bytes());
            }
            best = Math.min(best, Long.parseLong(f[1]));
            passes++;
        }
        if (passes != PASSES) {
            throw new IllegalStateException("the WebFiles client said: " + out);
        }
        return best;
    }

    private static long nioPass(List<Path> files, long expected) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        long start = System.nanoTime();
        long bytes = 0;
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                for (int n; (n = channel.read(buffer.clear())) > 0; ) {
                    bytes += n;
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        if (bytes != expected) {
            throw new IllegalStateException("java.nio read " + bytes + " bytes of " + expected);
        }
        return elapsed;
    }

    private static long catPass(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cat"));
        files.forEach(f -> command.add(f.toString()));
        long start = System.nanoTime();
        Process cat = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (cat.waitFor() != 0) {
            throw new IllegalStateException("cat failed: exit " + cat.exitValue());
        }
        return System.nanoTime() - start;
    }

    /** Writes the set into the file system through {@code /fs}, as a client, and syncs it. */
    private static void populate(Kernel kernel, FileSet set, ByteArrayOutputStream log) throws InterruptedException {
        Endpoint<Directory> root = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (root == null) {
            try {
                root = kernel.ipc().names().open(Directory.ROOT, Directory.class, kernel.host());
            } catch (NameServiceException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("/fs was not served: " + log);
                }
                Thread.sleep(5);
            }
        }
        for (String dir : DIRS) {
            expect(ask(root, new Directory.CreateDirectory(dir)), Directory.Done.class);
        }
        Block block = kernel.ipc().allocate(kernel.host(), CHUNK);
        for (Map.Entry<String, byte[]> f : set.files().entrySet()) {
            Message opened = ask(root, new Directory.OpenFile(f.getKey(), true, true));
            Endpoint<FileHandle> file = expect(opened, Directory.OpenedFile.class).file();
            byte[] bytes = f.getValue();
            for (int at = 0; at < bytes.length; at += CHUNK) {
                int n = Math.min(CHUNK, bytes.length - at);
                block.copyFrom(bytes, at, 0, n);
                file.send(new FileHandle.Write(n, block));
                block = expect(file.receive(), FileHandle.Written.class).block();
            }
            file.close();
        }
        block.free();
        expect(ask(root, new Directory.Sync()), Directory.Done.class);
        root.close();
    }

    private static Message ask(Endpoint<Directory> dir, Message request) {
        dir.send(request);
        return dir.receive();
    }

    private static <T> T expect(Message m, Class<T> type) {
        if (!type.isInstance(m)) {
            throw new IllegalStateException("the file system answered " + m + ", expected " + type.getSimpleName());
        }
        return type.cast(m);
    }

    private static void awaitName(Kernel kernel, String name, ByteArrayOutputStream log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (kernel.ipc().names().list().stream().noneMatch(n -> n.name().equals(name))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not registered: " + log);
            }
            Thread.sleep(5);
        }
    }

    private static void report(List<Round> rounds, FileSet set) {
        double files = set.files().size();
        double mib = set.bytes() / 1048576.0;
        double singj = median(rounds.stream().mapToDouble(Round::singj).toArray());
        double nio = median(rounds.stream().mapToDouble(Round::nio).toArray());
        double cat = median(rounds.stream().mapToDouble(Round::cat).toArray());
        double[] nioRatio = rounds.stream().mapToDouble(r -> (double) r.singj() / r.nio()).toArray();
        double[] catRatio = rounds.stream().mapToDouble(r -> (double) r.singj() / r.cat()).toArray();
        System.out.println();
        System.out.println("| side | pass (ms, median of rounds) | files/s | MiB/s | SingJ time / this side's (median, range) |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("SingJ: client SIP -> fs SIP -> driver SIP", singj, files, mib, null);
        row("java.nio on the host (FileChannel, this JVM)", nio, files, mib, nioRatio);
        row("cat on the host (one process per pass, its start subtracted)", cat, files, mib, catRatio);
    }

    private static void row(String side, double nanos, double files, double mib, double[] ratios) {
        String ratio = ratios == null ? "1" : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(ratios),
                Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0));
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %s |%n", side, nanos / 1e6, files / (nanos / 1e9),
                mib / (nanos / 1e9), ratio);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
