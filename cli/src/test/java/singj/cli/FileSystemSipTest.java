package singj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.fs.Fsck;
import singj.fs.host.ImageDisk;
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
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * The file system SIP on the disk driver, its clients being the test (from the host's side) and
 * system SIPs it starts and kills: round trips, capability paths, a flood of opens, a client
 * killed holding a file, the file system SIP and the driver killed mid-write, a damaged disk.
 * After each, the host image is checked with fsck.
 */
class FileSystemSipTest {
    private static final long DISK_BYTES = 8L << 20;

    @TempDir
    Path work;
    Path diskFile;
    SealedProgram driver;
    SealedProgram fileSystem;
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    /** What the file system SIP is started with. */
    List<String> fsArgs = List.of();
    /** The last driver and file system SIPs started. */
    Proc driverSip;
    Proc fsSip;

    @BeforeEach
    void programs() {
        Path apps = Path.of(System.getProperty("singj.apps"));
        driver = Installer.standard().seal(ProgramJar.read(apps.resolve("disk-driver.jar")), "disk-driver", 0);
        fileSystem = Installer.standard().seal(ProgramJar.read(apps.resolve("file-system.jar")), "file-system", 0);
        diskFile = work.resolve("disks/disk0.img");
    }

    private Kernel boot() {
        Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
        kernel.attachDevice("disk0", DiskImage.createIfMissing(diskFile, DISK_BYTES), driver);
        return kernel;
    }

    private Proc start(Kernel kernel, SealedProgram program) {
        Stdio stdio = new Stdio(InputStream.nullInputStream(), output, output);
        SipOptions options = SipOptions.of(stdio);
        if (program == fileSystem) {
            options = options.withArgs(fsArgs).withGrants(new Grants(List.of("/fs"), List.of("/dev/disk0")));
        }
        Proc sip = kernel.spawn(program, options);
        if (program == fileSystem) {
            fsSip = sip;
        } else {
            driverSip = sip;
        }
        return sip;
    }

    /** Driver and file system started; the root directory's client end, once served. */
    private Endpoint<Directory> startAll(Kernel kernel) throws InterruptedException {
        start(kernel, driver);
        awaitName(kernel, "/dev/disk0/read-only");
        start(kernel, fileSystem);
        return root(kernel);
    }

    private static void awaitName(Kernel kernel, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kernel.ipc().names().list().stream().noneMatch(n -> n.name().equals(name))) {
            assertTrue(System.nanoTime() < deadline, name + " was not registered");
            Thread.sleep(5);
        }
    }

    private Endpoint<Directory> root(Kernel kernel) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return kernel.ipc().names().open(Directory.ROOT, Directory.class, kernel.host());
            } catch (NameServiceException notYet) {
                assertTrue(System.nanoTime() < deadline, "/fs was not served: " + output);
                Thread.sleep(5);
            }
        }
    }

    /** The answer to {@code request}; a file system that stops answering fails the test instead of hanging it. */
    private static Message ask(Endpoint<Directory> dir, Message request) {
        dir.send(request);
        Message answer = dir.receive(Duration.ofSeconds(60));
        assertNotNull(answer, () -> "the file system did not answer " + request + " within 60 s");
        return answer;
    }

    private static Endpoint<FileHandle> openFile(Endpoint<Directory> dir, String path, boolean create) {
        Message m = ask(dir, new Directory.OpenFile(path, create, false));
        return assertInstanceOf(Directory.OpenedFile.class, m, () -> path + ": " + m).file();
    }

    private static String failure(Endpoint<Directory> dir, Message request) {
        Message m = ask(dir, request);
        return assertInstanceOf(Directory.Failed.class, m, () -> request + " answered " + m).error();
    }

    private static void write(Kernel kernel, Endpoint<FileHandle> file, byte[] bytes) {
        Block block = kernel.ipc().allocate(kernel.host(), bytes.length);
        block.copyFrom(bytes, 0, 0, bytes.length);
        file.send(new FileHandle.Write(bytes.length, block));
        Message m = file.receive();
        assertInstanceOf(FileHandle.Written.class, m, m::toString).block().free();
    }

    private static byte[] read(Kernel kernel, Endpoint<FileHandle> file, int length) {
        file.send(new FileHandle.Seek(0));
        assertInstanceOf(FileHandle.Position.class, file.receive());
        file.send(new FileHandle.Read(length, kernel.ipc().allocate(kernel.host(), length)));
        Message m = file.receive();
        FileHandle.Data data = assertInstanceOf(FileHandle.Data.class, m, m::toString);
        byte[] bytes = new byte[data.length()];
        data.block().copyTo(0, bytes, 0, bytes.length);
        data.block().free();
        return bytes;
    }

    private static void fsync(Endpoint<FileHandle> file) {
        file.send(new FileHandle.Fsync());
        Message m = file.receive();
        assertInstanceOf(FileHandle.Synced.class, m, m::toString);
    }

    private void assertImageClean() throws Exception {
        try (ImageDisk disk = ImageDisk.open(diskFile, false)) {
            Fsck.Report r = Fsck.check(disk);
            assertTrue(r.clean(), () -> "fsck: " + r.problems());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A read-only endpoint ({@code OpenReadOnly}, what the shell hands for {@code run --cwd=ro}) is
     * enforced by the file system, not by the holder's runtime: a raw client of the contract is
     * refused every create, truncate, write, rename and delete through it and through what it
     * opens, and reads as before; judged afterwards through a read-write endpoint.
     */
    @Test
    void aReadOnlyEndpointRefusesEveryChangeWhateverTheClientSends() throws Exception {
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            assertInstanceOf(Directory.Done.class, ask(root, new Directory.CreateDirectory("jail")));
            assertInstanceOf(Directory.Done.class, ask(root, new Directory.CreateDirectory("jail/sub")));
            write(kernel, openFile(root, "jail/in.txt", true), bytes("mine"));
            Message opened = ask(root, new Directory.OpenReadOnly("jail"));
            Endpoint<Directory> ro = assertInstanceOf(Directory.OpenedDirectory.class, opened, opened::toString).directory();

            for (Message change : List.of(new Directory.OpenFile("new.txt", true, false),
                    new Directory.OpenFile("in.txt", false, true), new Directory.OpenDirectory("made", true),
                    new Directory.CreateDirectory("made"), new Directory.Rename("in.txt", "moved.txt"),
                    new Directory.Delete("in.txt"), new Directory.Delete("sub"))) {
                assertEquals(Directory.READ_ONLY, failure(ro, change), change::toString);
            }
            Endpoint<FileHandle> file = openFile(ro, "in.txt", false);
            Block block = kernel.ipc().allocate(kernel.host(), 8);
            block.copyFrom(bytes("THEIRS"), 0, 0, 6);
            file.send(new FileHandle.Write(6, block));
            FileHandle.Failed refused = assertInstanceOf(FileHandle.Failed.class, file.receive());
            assertEquals(Directory.READ_ONLY, refused.error());
            refused.block().free(); // the client's block comes back with the refusal
            file.send(new FileHandle.Truncate(0));
            assertEquals(Directory.READ_ONLY, assertInstanceOf(FileHandle.Failed.class, file.receive()).error());
            assertArrayEquals(bytes("mine"), read(kernel, file, 64));

            // what a read-only endpoint opens is read-only too, by either request
            Message sub = ask(ro, new Directory.OpenDirectory("sub", false));
            Endpoint<Directory> below = assertInstanceOf(Directory.OpenedDirectory.class, sub, sub::toString).directory();
            assertEquals(Directory.READ_ONLY, failure(below, new Directory.CreateDirectory("deeper")));
            Message again = ask(ro, new Directory.OpenReadOnly(""));
            Endpoint<Directory> itself = assertInstanceOf(Directory.OpenedDirectory.class, again, again::toString).directory();
            assertEquals(Directory.READ_ONLY, failure(itself, new Directory.Delete("in.txt")));
            assertInstanceOf(Directory.Status.class, ask(ro, new Directory.Stat("in.txt")));

            // from outside: nothing changed, and the read-write endpoint writes as before
            assertArrayEquals(bytes("mine"), read(kernel, openFile(root, "jail/in.txt", false), 64));
            assertEquals(Directory.NOT_FOUND, failure(root, new Directory.Stat("jail/new.txt")));
            assertEquals(Directory.NOT_FOUND, failure(root, new Directory.Stat("jail/made")));
            assertEquals(Directory.NOT_FOUND, failure(root, new Directory.Stat("jail/sub/deeper")));
            assertInstanceOf(Directory.Done.class, ask(root, new Directory.Delete("jail/sub")));
        }
    }

    @Test
    void aFreshDiskIsFormattedAndFilesRoundTripThroughTheSip() throws Exception {
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            assertInstanceOf(Directory.Done.class, ask(root, new Directory.CreateDirectory("docs")));
            Endpoint<FileHandle> file = openFile(root, "docs/a.txt", true);
            byte[] text = bytes("hello, file system\n".repeat(1000));
            write(kernel, file, text);
            fsync(file);
            assertArrayEquals(text, read(kernel, file, text.length + 10));
            Directory.Status st = assertInstanceOf(Directory.Status.class, ask(root, new Directory.Stat("docs/a.txt")));
            assertEquals(text.length, st.size());
            assertFalse(st.directory());
            assertInstanceOf(Directory.Done.class, ask(root, new Directory.Rename("docs/a.txt", "b.txt")));
            List<String> names = new ArrayList<>();
            root.send(new Directory.List(""));
            for (Message m = root.receive(); m instanceof Directory.Entry e; m = root.receive()) {
                names.add(e.name() + (e.directory() ? "/" : ""));
                root.send(new Directory.More());
            }
            assertEquals(List.of("docs/", "b.txt"), names);
            assertInstanceOf(Directory.Done.class, ask(root, new Directory.Delete("docs")));
            assertEquals(Directory.NOT_FOUND, failure(root, new Directory.Stat("docs")));
            assertInstanceOf(Directory.Done.class, ask(root, new Directory.Sync()));
            assertEquals("", output.toString(), "a first boot formats the disk without a word");
        }
        assertImageClean();
    }

    @Test
    void aDirectoryEndpointReachesItsSubtreeAndNothingAbove() throws Exception {
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            write(kernel, openFile(root, "secret", true), bytes("top secret"));
            Message m = ask(root, new Directory.OpenDirectory("jail", true));
            Endpoint<Directory> jail = assertInstanceOf(Directory.OpenedDirectory.class, m, m::toString).directory();
            for (String escape : List.of("../secret", "/secret", "..", "a/../../secret", "./secret", "a//b", "x".repeat(60),
                    "bad\nname")) {
                assertEquals(Directory.BAD_PATH, failure(jail, new Directory.OpenFile(escape, true, false)), escape);
                assertEquals(Directory.BAD_PATH, failure(jail, new Directory.Stat(escape)), escape);
                assertEquals(Directory.BAD_PATH, failure(jail, new Directory.Rename("x", escape)), escape);
            }
            assertEquals(Directory.NOT_FOUND, failure(jail, new Directory.OpenFile("secret", false, false)));
            assertEquals(Directory.NOT_FOUND, failure(jail, new Directory.Delete("secret")));
            write(kernel, openFile(jail, "mine", true), bytes("inside"));
            assertInstanceOf(Directory.Status.class, ask(root, new Directory.Stat("jail/mine")));
            assertInstanceOf(Directory.Status.class, ask(root, new Directory.Stat("secret")), "nothing above was touched");
        }
        assertImageClean();
    }

    @Test
    void aFloodOfOpensIsCutOffAndOtherClientsAreServed() throws Exception {
        try (Kernel kernel = boot()) {
            Endpoint<Directory> flooder = startAll(kernel);
            openFile(flooder, "f", true).close();
            List<Endpoint<FileHandle>> held = new ArrayList<>();
            String refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                Message m = ask(flooder, new Directory.OpenFile("f", false, false));
                if (m instanceof Directory.OpenedFile(Endpoint<FileHandle> file)) {
                    held.add(file);
                } else {
                    refused = assertInstanceOf(Directory.Failed.class, m).error();
                }
            }
            assertEquals(Directory.TOO_MANY_OPEN, refused);
            assertTrue(held.size() < 64, "opened " + held.size());
            // another SIP is served: the flood counted against the flooder (here the host) alone
            AtomicReference<Message> otherWrote = new AtomicReference<>();
            Proc other = kernel.spawnSystem("other", self -> {
                Endpoint<Directory> dir = kernel.ipc().names().open(Directory.ROOT, Directory.class, self.holdings());
                dir.send(new Directory.OpenFile("g", true, false));
                otherWrote.set(dir.receive());
                return 0;
            }, SipOptions.of(Stdio.none()));
            other.awaitExit(Duration.ofSeconds(30));
            assertInstanceOf(Directory.OpenedFile.class, otherWrote.get(), () -> "the other SIP got " + otherWrote.get());
            Endpoint<Directory> second = root(kernel);
            assertThrows(ChannelClosedException.class, () -> ask(second, new Directory.Stat("")),
                    "a second connection of the flooder is the same client, at its bound: closed at once");
            held.getFirst().close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Message again;
            do {
                again = ask(flooder, new Directory.OpenFile("f", false, false));
            } while (again instanceof Directory.Failed && System.nanoTime() < deadline);
            assertInstanceOf(Directory.OpenedFile.class, again, "a closed file makes room for another");
        }
    }

    @Test
    void aClientKilledHoldingAFileLeavesItIntactAndClosed() throws Exception {
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            CountDownLatch holding = new CountDownLatch(1);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Proc client = kernel.spawnSystem("holder", self -> {
              try {
                Endpoint<Directory> dir = kernel.ipc().names().open(Directory.ROOT, Directory.class, self.holdings());
                dir.send(new Directory.OpenFile("held", true, false));
                Endpoint<FileHandle> file = ((Directory.OpenedFile) dir.receive()).file();
                Block block = kernel.ipc().allocate(self.holdings(), 5);
                block.copyFrom(bytes("kept!"), 0, 0, 5);
                file.send(new FileHandle.Write(5, block));
                file.receive();
                file.send(new FileHandle.Fsync());
                file.receive();
                Block more = kernel.ipc().allocate(self.holdings(), 1 << 16);
                file.send(new FileHandle.Write(1 << 16, more)); // in flight when killed, or done: either way whole
                holding.countDown();
                Thread.sleep(Long.MAX_VALUE);
                return 0;
              } catch (Throwable t) {
                failed.set(t);
                throw t;
              }
            }, SipOptions.of(Stdio.none()));
            assertTrue(holding.await(20, TimeUnit.SECONDS), () -> "the holder did not get to hold the file: " + failed.get());
            assertTrue(kernel.kill(client.pid(), KillCause.REQUESTED, "killed holding a file"));
            client.awaitExit(Duration.ofSeconds(10));
            Endpoint<FileHandle> file = openFile(root, "held", false);
            byte[] back = read(kernel, file, 1 << 17);
            assertTrue(back.length == 5 || back.length == 5 + (1 << 16), "length " + back.length);
            assertArrayEquals(bytes("kept!"), java.util.Arrays.copyOf(back, 5));
            fsync(file);
        }
        assertImageClean();
    }

    @Test
    void theFileSystemKilledMidWriteRecoversAndItsClientsSeeClosed() throws Exception {
        byte[] synced = bytes("synced before the kill\n".repeat(500));
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            Endpoint<FileHandle> kept = openFile(root, "kept", true);
            write(kernel, kept, synced);
            fsync(kept);
            Proc fs = fsSip;
            AtomicReference<Throwable> writerEnd = new AtomicReference<>();
            Endpoint<FileHandle> busy = openFile(root, "busy", true);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    // over the same 4 MB again and again: on a fast machine 300 ms of appending
                    // reached the connection's 32 MiB quota, and the write failed before the kill
                    for (int i = 1; ; i++) {
                        write(kernel, busy, new byte[100_000]);
                        if (i % 40 == 0) {
                            busy.send(new FileHandle.Seek(0));
                            assertInstanceOf(FileHandle.Position.class, busy.receive());
                        }
                    }
                } catch (Throwable t) {
                    writerEnd.set(t);
                }
            });
            Thread.sleep(300);
            assertTrue(kernel.kill(fs.pid(), KillCause.REQUESTED, "file system killed by the test"));
            writer.join(20_000);
            assertInstanceOf(ChannelClosedException.class, writerEnd.get(), "the write in flight fails with closed");
            assertThrows(ChannelClosedException.class, () -> ask(root, new Directory.Stat("kept")));
            fs.awaitExit(Duration.ofSeconds(10));
            start(kernel, fileSystem);
            Endpoint<Directory> again = root(kernel);
            assertArrayEquals(synced, read(kernel, openFile(again, "kept", false), synced.length));
        }
        assertImageClean();
    }

    @Test
    void theDriverKilledMidWriteEndsTheFileSystemAndBothRestartWithTheSyncedData() throws Exception {
        byte[] synced = bytes("synced before the driver died\n".repeat(300));
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            Endpoint<FileHandle> kept = openFile(root, "kept", true);
            write(kernel, kept, synced);
            fsync(kept);
            Proc drv = driverSip;
            Proc fs = fsSip;
            AtomicReference<Throwable> writerEnd = new AtomicReference<>();
            Endpoint<FileHandle> busy = openFile(root, "busy", true);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    // over the same 2 MB again and again: on a fast machine 300 ms of appending
                    // filled the 8 MiB disk, and the write failed with no-space before the kill
                    for (int i = 1; ; i++) {
                        write(kernel, busy, new byte[100_000]);
                        if (i % 20 == 0) {
                            busy.send(new FileHandle.Seek(0));
                            assertInstanceOf(FileHandle.Position.class, busy.receive());
                        }
                        busy.send(new FileHandle.Fsync());
                        Message m = busy.receive();
                        if (m instanceof FileHandle.Failed f) {
                            throw new AssertionError(f.error() + ": " + f.reason());
                        }
                    }
                } catch (Throwable t) {
                    writerEnd.set(t);
                }
            });
            Thread.sleep(300);
            assertTrue(kernel.kill(drv.pid(), KillCause.REQUESTED, "driver killed by the test"));
            assertTrue(fs.awaitExit(Duration.ofSeconds(20)) != null, "the file system ends with its disk: " + output);
            writer.join(20_000);
            Throwable end = writerEnd.get();
            assertTrue(end instanceof ChannelClosedException
                    || end instanceof AssertionError && end.getMessage().startsWith("closed"), String.valueOf(end));
            drv.awaitExit(Duration.ofSeconds(10));
            start(kernel, driver);
            awaitName(kernel, "/dev/disk0/read-only");
            start(kernel, fileSystem);
            Endpoint<Directory> again = root(kernel);
            assertArrayEquals(synced, read(kernel, openFile(again, "kept", false), synced.length));
        }
        assertImageClean();
    }

    /**
     * Files of 300 KB each written and fsynced one after another, so that the driver spends its
     * time in multi-block writes (the journal's copy and the blocks' homes, in runs of up to 64
     * blocks), the driver killed at a moment the test does not choose: after both restart, every
     * file whose fsync was answered is there whole, and fsck finds the disk clean.
     */
    @Test
    void theDriverKilledAmidMultiBlockWritesLosesNoSyncedFile() throws Exception {
        int size = 300_000;
        java.util.concurrent.atomic.AtomicInteger synced = new java.util.concurrent.atomic.AtomicInteger();
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            Proc drv = driverSip;
            Proc fs = fsSip;
            AtomicReference<Throwable> writerEnd = new AtomicReference<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; ; i++) {
                        String name = "f" + (i % 16); // 16 files of 300 KB: the 8 MiB disk never fills
                        Endpoint<FileHandle> file = openFile(root, name, true);
                        write(kernel, file, java.util.Arrays.copyOf(bytes(name + " #" + i + " "), size));
                        fsync(file);
                        file.close();
                        synced.set(i + 1);
                    }
                } catch (Throwable t) {
                    writerEnd.set(t);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (synced.get() < 2 && writerEnd.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(synced.get() >= 2, "two files were not synced within 60 s: " + writerEnd.get());
            Thread.sleep(new java.util.Random().nextInt(300)); // somewhere in the writes of the files after them
            assertTrue(kernel.kill(drv.pid(), KillCause.REQUESTED, "driver killed by the test"));
            assertTrue(fs.awaitExit(Duration.ofSeconds(20)) != null, "the file system ends with its disk: " + output);
            writer.join(20_000);
            drv.awaitExit(Duration.ofSeconds(10));
            start(kernel, driver);
            awaitName(kernel, "/dev/disk0/read-only");
            start(kernel, fileSystem);
            Endpoint<Directory> again = root(kernel);
            int done = synced.get();
            // the last 15 synced writes' files (the 16th back is the one the write in flight was replacing)
            for (int i = Math.max(0, done - 15); i < done; i++) {
                String name = "f" + (i % 16);
                byte[] back = read(kernel, openFile(again, name, false), size + 1);
                assertArrayEquals(java.util.Arrays.copyOf(bytes(name + " #" + i + " "), size), back,
                        name + ", synced as write " + i + " of " + done);
            }
        }
        assertImageClean();
    }

    @Test
    void aDamagedDiskIsRefusedInOneLineAndTheKernelRunsOn() throws Exception {
        try (Kernel kernel = boot()) {
            startAll(kernel);
        }
        try (RandomAccessFile f = new RandomAccessFile(diskFile.toFile(), "rw")) {
            f.seek(0);
            f.write('X');
        }
        try (Kernel kernel = boot()) {
            start(kernel, driver);
            awaitName(kernel, "/dev/disk0/read-only");
            Proc fs = start(kernel, fileSystem);
            assertEquals(2, fs.awaitExit(Duration.ofSeconds(20)).code(), output.toString());
            assertTrue(output.toString().contains("file-system: not mounting /dev/disk0: superblock (block 0): wrong magic number"),
                    output.toString());
            Proc after = start(kernel, driver); // the kernel serves on: another start is answered (the device is held: it ends)
            assertEquals(1, after.awaitExit(Duration.ofSeconds(20)).code());
        }
    }

    /**
     * A hostile program given /fs as the shell gives one: no way out of a directory, a flood of
     * opens bounded, no raw disk; killed while holding 60-odd files open, its endpoints close (the
     * file system's threads for them end) and the file system serves on, the secret untouched.
     */
    @Test
    void aHostileProgramFindsNoWayOutAndItsFloodIsReleasedWhenItIsKilled() throws Exception {
        Path jar = singj.cli.testing.ProgramCompiler.compile("FsEscaper", java.util.Map.of("FsEscaper.java",
                CorpusFiles.read("corpus/storage/FsEscaper.java")), work.resolve("escaper"),
                java.util.Map.of("SingJ-Opens", "/fs /dev/*"));
        SealedProgram escaper = Installer.standard().seal(ProgramJar.read(jar), "escaper", 0);
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            byte[] secret = bytes("the secret, outside the jail");
            Endpoint<FileHandle> secretFile = openFile(root, "secret", true);
            write(kernel, secretFile, secret);
            fsync(secretFile);
            var out = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(escaper, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out)).withGrants(Grants.ANY_USER));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!out.toString(StandardCharsets.UTF_8).contains("done probing") && System.nanoTime() < deadline) {
                assertTrue(sip.awaitExit(Duration.ofMillis(20)) == null, "the escaper ended: " + out);
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            assertFalse(printed.contains("ESCAPED") || printed.contains("ANSWERED") || printed.contains("OPENED"), printed);
            assertEquals(11, printed.lines().filter(l -> l.matches("open \\d+: bad-path")).count(), printed);
            for (String jailed : List.of("jail stat: bad-path", "jail delete: bad-path", "jail rename: bad-path",
                    "jail list: bad-path", "jail open: not-found", "disk: NameServiceException")) {
                assertTrue(printed.contains(jailed + "\n"), jailed + " in:\n" + printed);
            }
            assertTrue(printed.matches("(?s).*flood: (\\d+) then too-many-open\n.*"), printed);
            int fsThreads = threadsOf(kernel, fsSip.pid());
            assertTrue(kernel.kill(sip.pid(), KillCause.REQUESTED, "the test"));
            sip.awaitExit(Duration.ofSeconds(10));
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (threadsOf(kernel, fsSip.pid()) > fsThreads - 60 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertTrue(threadsOf(kernel, fsSip.pid()) <= fsThreads - 60,
                    "the file system's threads for the killed client's endpoints end: " + fsThreads + " -> "
                            + threadsOf(kernel, fsSip.pid()));
            assertArrayEquals(secret, read(kernel, openFile(root(kernel), "secret", false), 1000));
        }
        assertImageClean();
    }

    private static int threadsOf(Kernel kernel, int pid) {
        return kernel.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow().threads();
    }

    /**
     * Opening and closing files, more times than the file system SIP may hold channel ends (4096),
     * leaves it serving: it closes its end of each endpoint the client closed. (It did not: the
     * WebFiles benchmark's client hung after about 4,000 opens, the SIP's quota of ends used up by
     * ends whose clients had gone.)
     */
    @Test
    void moreOpensOverTimeThanTheSipMayHoldChannelEndsAreServed() throws Exception {
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            write(kernel, openFile(root, "f", true), bytes("x"));
            for (int i = 0; i < 4500; i++) {
                openFile(root, "f", false).close();
            }
            assertArrayEquals(bytes("x"), read(kernel, openFile(root, "f", false), 10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (channelsOf(kernel, fsSip.pid()) > 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(channelsOf(kernel, fsSip.pid()) <= 10, "the file system holds " + channelsOf(kernel, fsSip.pid())
                    + " channel ends after its clients closed theirs");
        }
    }

    private static int channelsOf(Kernel kernel, int pid) {
        return kernel.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow().channels();
    }

    // ---- per-SIP quotas and commits of their own ------------------------------------------------

    private String runToEnd(Kernel kernel, SealedProgram program, String... args) throws InterruptedException {
        var out = new ByteArrayOutputStream();
        Proc sip = kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out), args)
                .withGrants(Grants.ANY_USER));
        assertTrue(sip.awaitExit(Duration.ofSeconds(120)) != null, () -> "still running: " + out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@code corpus/storage/QuotaResetter}: it uses up its quota of files and bytes, then connects
     * again, creates through a subdirectory's endpoint, and floods connections: each meets the
     * same used quota and the same count of open endpoints. Another client is not touched, and a
     * new SIP of the same program starts afresh once the first has ended.
     */
    @Test
    void aSipThatConnectsAgainMeetsItsOwnUsedQuotaAndANewSipStartsAfresh() throws Exception {
        fsArgs = List.of("--quota", "262144", "40");
        Path jar = singj.cli.testing.ProgramCompiler.compile("QuotaResetter", java.util.Map.of("QuotaResetter.java",
                CorpusFiles.read("corpus/storage/QuotaResetter.java")), work.resolve("resetter"),
                java.util.Map.of("SingJ-Opens", "/fs"));
        SealedProgram resetter = Installer.standard().seal(ProgramJar.read(jar), "resetter", 0);
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            String first = runToEnd(kernel, resetter, "a");
            for (String line : List.of("files: 39 then quota", "subdirectory create: quota", "reconnected create: quota",
                    "reconnected write: quota", "done")) {
                assertTrue(first.contains(line + "\n"), line + " in:\n" + first);
            }
            assertTrue(first.matches("(?s).*bytes: (\\d+) KiB then quota\n.*"), first);
            long kib = Long.parseLong(first.replaceAll("(?s).*bytes: (\\d+) KiB.*", "$1"));
            assertTrue(kib > 0 && kib <= 256, "the bytes written stay within the 256 KiB quota: " + kib);
            var connections = java.util.regex.Pattern.compile("connections: (\\d+) then closed\n").matcher(first);
            assertTrue(connections.find(), first);
            assertTrue(Integer.parseInt(connections.group(1)) < 64, "new connections count as the same client: " + first);

            assertInstanceOf(Directory.Done.class, ask(root, new Directory.CreateDirectory("honest")),
                    "another client has a quota of its own");
            String second = runToEnd(kernel, resetter, "b");
            assertTrue(second.contains("files: 39 then quota\n"), "a new SIP starts with a quota of its own: " + second);
            assertTrue(fsSip.exitStatus().isDone() == false, "the file system serves on: " + output);
        }
        assertImageClean();
    }

    /** Where the file system keeps file contents in the host image: after the metadata. */
    private boolean dataAreaHolds(byte[] marker) throws Exception {
        byte[] image = java.nio.file.Files.readAllBytes(diskFile);
        var sb = singj.fs.Superblock.decode(java.util.Arrays.copyOf(image, 4096), image.length / 4096);
        String area = new String(image, (int) (sb.dataStart() * 4096L), image.length - (int) (sb.dataStart() * 4096L),
                StandardCharsets.ISO_8859_1);
        return area.contains(new String(marker, StandardCharsets.ISO_8859_1));
    }

    private void awaitInDataArea(byte[] marker, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!dataAreaHolds(marker)) {
            assertTrue(System.nanoTime() < deadline, what + ": not committed within 60 s");
            Thread.sleep(20);
        }
    }

    /** The file system killed (a crash: it commits nothing more) and started again, recovering from its journal. */
    private Endpoint<Directory> crashAndRestartFileSystem(Kernel kernel) throws Exception {
        assertTrue(kernel.kill(fsSip.pid(), KillCause.REQUESTED, "a crash"));
        fsSip.awaitExit(Duration.ofSeconds(20));
        awaitNameGone(kernel, Directory.ROOT);
        start(kernel, fileSystem);
        return root(kernel);
    }

    private static void awaitNameGone(Kernel kernel, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kernel.ipc().names().list().stream().anyMatch(n -> n.name().equals(name))) {
            assertTrue(System.nanoTime() < deadline, name + " stayed registered");
            Thread.sleep(5);
        }
    }

    @Test
    void whatASipWroteWithoutSyncIsCommittedWhenItEnds() throws Exception {
        fsArgs = List.of("--commit-every", "0"); // no periodic commit: only the writer's end can commit it
        byte[] text = bytes("written by a SIP that never synced\n");
        try (Kernel kernel = boot()) {
            startAll(kernel);
            Proc writer = kernel.spawnSystem("lazy", self -> {
                Endpoint<Directory> dir = kernel.ipc().names().open(Directory.ROOT, Directory.class, self.holdings());
                dir.send(new Directory.OpenFile("lazy", true, false));
                Endpoint<FileHandle> file = ((Directory.OpenedFile) dir.receive()).file();
                Block block = kernel.ipc().allocate(self.holdings(), text.length);
                block.copyFrom(text, 0, 0, text.length);
                file.send(new FileHandle.Write(text.length, block));
                file.receive();
                return 0; // ends holding both endpoints, never synced
            }, SipOptions.of(Stdio.none()));
            assertEquals(0, writer.awaitExit(Duration.ofSeconds(30)).code());
            awaitInDataArea(text, "the ended writer's file");
            Endpoint<Directory> root = crashAndRestartFileSystem(kernel);
            assertArrayEquals(text, read(kernel, openFile(root, "lazy", false), 1000));
        }
        assertImageClean();
    }

    @Test
    void whatAClientStillConnectedWroteWithoutSyncIsCommittedWithinTheInterval() throws Exception {
        fsArgs = List.of("--commit-every", "200");
        byte[] text = bytes("written by a client that stays connected and never syncs\n");
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            Endpoint<FileHandle> file = openFile(root, "periodic", true);
            write(kernel, file, text);
            awaitInDataArea(text, "the connected client's file");
            Endpoint<Directory> again = crashAndRestartFileSystem(kernel);
            assertArrayEquals(text, read(kernel, openFile(again, "periodic", false), 1000));
        }
        assertImageClean();
    }

    @Test
    void aCleanShutdownCommitsWhatNoClientSynced() throws Exception {
        fsArgs = List.of("--commit-every", "0");
        byte[] text = bytes("written, never synced, the client still connected at shutdown\n");
        try (Kernel kernel = boot()) {
            Endpoint<Directory> root = startAll(kernel);
            Endpoint<FileHandle> file = openFile(root, "at-shutdown", true);
            write(kernel, file, text);
            assertFalse(dataAreaHolds(text), "nothing commits it on its own in this setting");
            var err = new ByteArrayOutputStream();
            DefaultImage.syncFileSystem(kernel, new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals("", err.toString(StandardCharsets.UTF_8));
            assertTrue(dataAreaHolds(text), "committed before the shutdown goes on");
        }
        assertImageClean();
    }
}
