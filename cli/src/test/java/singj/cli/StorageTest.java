package singj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.abi.Block;
import singj.abi.BlockDevice;
import singj.abi.ChannelClosedException;
import singj.abi.ContractViolationException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.KernelException;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.dev.DiskImage;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;
import singj.kernel.ipc.Grants;

/**
 * The bottom of the storage stack: the disk driver SIP serving the kernel's disk0 over the
 * BlockDevice contract. The test is the driver's client from the embedding host's side, and judges
 * the disk by the host file itself.
 */
class StorageTest {
    private static final int SECTOR = BlockDevice.SECTOR_SIZE;
    /** 4 MiB: 8192 sectors. */
    private static final long DISK_BYTES = 4L << 20;

    @TempDir
    Path work;
    Path diskFile;
    SealedProgram driver;
    ByteArrayOutputStream driverOutput = new ByteArrayOutputStream();

    @BeforeEach
    void driver() {
        Path jar = Path.of(System.getProperty("singj.apps")).resolve("disk-driver.jar");
        driver = Installer.standard().seal(ProgramJar.read(jar), "disk-driver", 0);
        diskFile = work.resolve("disks/disk0.img");
    }

    private Kernel bootWithDisk() {
        Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
        kernel.attachDevice("disk0", DiskImage.createIfMissing(diskFile, DISK_BYTES), driver);
        return kernel;
    }

    private Proc startDriver(Kernel kernel) {
        return kernel.spawn(driver, SipOptions.of(new Stdio(InputStream.nullInputStream(), driverOutput, driverOutput)));
    }

    /** The client end of a new channel to {@code name}, once the driver has registered it. */
    private static Endpoint<BlockDevice> open(Kernel kernel, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return kernel.ipc().names().open(name, BlockDevice.class, kernel.host());
            } catch (NameServiceException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(5);
            }
        }
    }

    private static Block filled(Kernel kernel, int sectors, int seed) {
        Block block = kernel.ipc().allocate(kernel.host(), (long) sectors * SECTOR);
        byte[] bytes = pattern(sectors, seed);
        block.copyFrom(bytes, 0, 0, bytes.length);
        return block;
    }

    private static byte[] pattern(int sectors, int seed) {
        byte[] bytes = new byte[sectors * SECTOR];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7 + i / SECTOR);
        }
        return bytes;
    }

    private static byte[] contents(Block block, int bytes) {
        byte[] out = new byte[bytes];
        block.copyTo(0, out, 0, bytes);
        return out;
    }

    private byte[] onHost(long sector, int sectors) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(diskFile.toFile(), "r")) {
            byte[] bytes = new byte[sectors * SECTOR];
            file.seek(sector * SECTOR);
            file.readFully(bytes);
            return bytes;
        }
    }

    @Test
    void sectorsMakeTheRoundTripInTheClientsOwnBlockAndAFlushPutsThemOnTheHostFile() throws Exception {
        try (Kernel kernel = bootWithDisk()) {
            startDriver(kernel);
            Endpoint<BlockDevice> disk = open(kernel, "/dev/disk0");
            disk.send(new BlockDevice.Describe());
            assertEquals(new BlockDevice.Geometry("disk0", DISK_BYTES / SECTOR, SECTOR, true), disk.receive());

            Block data = filled(kernel, 16, 1);
            long address = data.address();
            disk.send(new BlockDevice.Write(100, 16, data));
            Block back = assertInstanceOf(BlockDevice.Written.class, disk.receive()).block();
            assertEquals(address, back.address(), "the write gives back the same block");
            disk.send(new BlockDevice.Flush());
            assertEquals(new BlockDevice.Flushed(), disk.receive());
            assertArrayEquals(pattern(16, 1), onHost(100, 16), "flushed sectors are in the image file");

            back.fill(0, back.size(), (byte) 0);
            disk.send(new BlockDevice.Read(100, 16, back));
            Block read = assertInstanceOf(BlockDevice.Data.class, disk.receive()).block();
            assertEquals(address, read.address(), "read into the client's block, not a copy");
            assertArrayEquals(pattern(16, 1), contents(read, 16 * SECTOR));

            // a block larger than the request: only the sectors asked for are read into its start
            Block large = kernel.ipc().allocate(kernel.host(), 4 * SECTOR);
            large.fill(0, large.size(), (byte) 0x55);
            disk.send(new BlockDevice.Read(101, 1, large));
            Block one = assertInstanceOf(BlockDevice.Data.class, disk.receive()).block();
            assertArrayEquals(Arrays.copyOfRange(pattern(16, 1), SECTOR, 2 * SECTOR), contents(one, SECTOR));
            assertEquals((byte) 0x55, one.getByte(SECTOR), "beyond the sectors read the block is untouched");
            assertFalse(data.isLive(), "the block sent is the driver's until it comes back");
        }
    }

    @Test
    void badRequestsFailWithTheReasonAndTheBlockBackAndTheChannelServesOn() throws Exception {
        try (Kernel kernel = bootWithDisk()) {
            startDriver(kernel);
            Endpoint<BlockDevice> disk = open(kernel, "/dev/disk0");
            long sectors = DISK_BYTES / SECTOR;

            disk.send(new BlockDevice.Read(sectors - 1, 2, kernel.ipc().allocate(kernel.host(), 2 * SECTOR)));
            var beyond = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.OUT_OF_RANGE, beyond.error());
            assertTrue(beyond.reason().contains("sectors 8191 to 8192 are not on the device (sectors 0 to 8191"), beyond.reason());
            assertEquals(2 * SECTOR, beyond.block().size(), "the block comes back");

            disk.send(new BlockDevice.Write(-1, 1, beyond.block()));
            var negative = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.OUT_OF_RANGE, negative.error());
            disk.send(new BlockDevice.Read(0, 0, negative.block()));
            var none = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.OUT_OF_RANGE, none.error());
            none.block().free();

            disk.send(new BlockDevice.Write(0, 2, filled(kernel, 1, 9)));
            var small = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.BAD_BLOCK, small.error());
            assertTrue(small.reason().contains("the block of 512 bytes is too small for 2 sectors (1024 bytes)"), small.reason());
            disk.send(new BlockDevice.Read(0, 1, null));
            var missing = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.BAD_BLOCK, missing.error());
            assertNull(missing.block());

            assertArrayEquals(new byte[2 * SECTOR], onHost(0, 2), "nothing of the failed writes reached the disk");
            disk.send(new BlockDevice.Write(0, 1, small.block()));
            assertInstanceOf(BlockDevice.Written.class, disk.receive(), "the channel serves on after failures");
        }
    }

    /**
     * A run of sectors, as the file system asks for 64 blocks at once, is one request into one
     * block; a count past the device (or so large it would overflow), or a block too small for
     * the count, fails with what and where, nothing of it reaches the disk, and the channel serves on.
     */
    @Test
    void aRunOfSectorsIsOneRequestAndItsBadFormsFailClearly() throws Exception {
        try (Kernel kernel = bootWithDisk()) {
            startDriver(kernel);
            Endpoint<BlockDevice> disk = open(kernel, "/dev/disk0");
            long sectors = DISK_BYTES / SECTOR;
            int run = 512; // 256 KiB

            disk.send(new BlockDevice.Write(1000, run, filled(kernel, run, 4)));
            Block back = assertInstanceOf(BlockDevice.Written.class, disk.receive()).block();
            back.fill(0, back.size(), (byte) 0);
            disk.send(new BlockDevice.Read(1000, run, back));
            assertArrayEquals(pattern(run, 4), contents(assertInstanceOf(BlockDevice.Data.class, disk.receive()).block(), run * SECTOR));

            disk.send(new BlockDevice.Write(sectors - run + 1, run, filled(kernel, run, 5)));
            var past = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.OUT_OF_RANGE, past.error());
            assertTrue(past.reason().contains("sectors " + (sectors - run + 1) + " to " + sectors + " are not on the device"),
                    past.reason());
            assertArrayEquals(new byte[(run - 1) * SECTOR], onHost(sectors - run + 1, run - 1), "nothing of it was written");

            disk.send(new BlockDevice.Read(0, Integer.MAX_VALUE, past.block()));
            var huge = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.OUT_OF_RANGE, huge.error());
            disk.send(new BlockDevice.Read(Long.MAX_VALUE - 1, run, huge.block()));
            var overflow = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.OUT_OF_RANGE, overflow.error());
            overflow.block().free();

            Block short1 = kernel.ipc().allocate(kernel.host(), (long) run * SECTOR - 1);
            disk.send(new BlockDevice.Read(0, run, short1));
            var small = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.BAD_BLOCK, small.error());
            assertTrue(small.reason().contains("the block of " + (run * SECTOR - 1) + " bytes is too small for " + run
                    + " sectors (" + run * SECTOR + " bytes)"), small.reason());
            disk.send(new BlockDevice.Write(2000, run, small.block()));
            assertEquals(BlockDevice.BAD_BLOCK, assertInstanceOf(BlockDevice.Failed.class, disk.receive()).error());

            disk.send(new BlockDevice.Read(1000, run, filled(kernel, run, 0)));
            assertArrayEquals(pattern(run, 4), contents(assertInstanceOf(BlockDevice.Data.class, disk.receive(),
                    "the channel serves on after the failures").block(), run * SECTOR));
        }
    }

    @Test
    void theReadOnlyNameReadsButRefusesWritesAndFlushes() throws Exception {
        try (Kernel kernel = bootWithDisk()) {
            startDriver(kernel);
            Endpoint<BlockDevice> writer = open(kernel, "/dev/disk0");
            writer.send(new BlockDevice.Write(7, 1, filled(kernel, 1, 3)));
            assertInstanceOf(BlockDevice.Written.class, writer.receive());

            Endpoint<BlockDevice> reader = open(kernel, "/dev/disk0/read-only");
            reader.send(new BlockDevice.Describe());
            assertFalse(assertInstanceOf(BlockDevice.Geometry.class, reader.receive()).writable());
            reader.send(new BlockDevice.Write(7, 1, filled(kernel, 1, 4)));
            var refused = assertInstanceOf(BlockDevice.Failed.class, reader.receive());
            assertEquals(BlockDevice.READ_ONLY, refused.error());
            reader.send(new BlockDevice.Flush());
            assertEquals(BlockDevice.READ_ONLY, assertInstanceOf(BlockDevice.Failed.class, reader.receive()).error());
            reader.send(new BlockDevice.Read(7, 1, refused.block()));
            Block read = assertInstanceOf(BlockDevice.Data.class, reader.receive()).block();
            assertArrayEquals(pattern(1, 3), contents(read, SECTOR), "the refused write left the sector alone");
        }
    }

    @Test
    void aMessageOutOfTurnClosesOnlyThatChannelAndTheDriverServesTheNextClient() throws Exception {
        try (Kernel kernel = bootWithDisk()) {
            Proc driverSip = startDriver(kernel);
            Endpoint<BlockDevice> rude = open(kernel, "/dev/disk0");
            rude.send(new BlockDevice.Flush());
            var violation = assertThrows(ContractViolationException.class, () -> rude.send(new BlockDevice.Flush()));
            assertTrue(violation.getMessage().contains("contract singj.abi.BlockDevice violated: client sent Flush in state FLUSHING"),
                    violation.getMessage());

            Endpoint<BlockDevice> polite = open(kernel, "/dev/disk0");
            polite.send(new BlockDevice.Describe());
            assertInstanceOf(BlockDevice.Geometry.class, polite.receive());
            assertEquals("RUNNING", String.valueOf(driverSip.info().state()), "the driver runs on");
        }
    }

    @Test
    void noOtherProgramReachesTheDeviceOrItsNamesWhateverItsManifestAsks() throws Exception {
        Map<String, String> asks = Map.of("SingJ-Devices", "disk0", "SingJ-Opens", "/dev/* /*",
                "SingJ-Registers", "/dev/* /*");
        Path thiefJar = ProgramCompiler.compile("DiskThief", Map.of("DiskThief.java",
                CorpusFiles.read("corpus/storage/DiskThief.java")), work.resolve("thief"), asks);
        SealedProgram thief = Installer.standard().seal(ProgramJar.read(thiefJar), "thief", 0);
        // the same attacker installed under the driver's own name: the device goes to the driver's code, not its name
        SealedProgram impostor = Installer.standard().seal(ProgramJar.read(thiefJar), "disk-driver", 0);
        try (Kernel kernel = bootWithDisk()) {
            Proc driverSip = startDriver(kernel);
            Endpoint<BlockDevice> disk = open(kernel, "/dev/disk0");
            for (SealedProgram attacker : new SealedProgram[] {thief, impostor}) {
                var out = new ByteArrayOutputStream();
                Proc sip = kernel.spawn(attacker, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out)));
                assertEquals(0, sip.awaitExit(Duration.ofSeconds(20)).code(), out.toString());
                String printed = out.toString(StandardCharsets.UTF_8);
                String who = "pid " + sip.pid() + " (" + attacker.name() + ")";
                assertTrue(printed.contains("singj: " + who + " asked for device disk0 (SingJ-Devices), not granted: "
                        + "the system's policy gives it only to the driver it names, and this is not that program"), printed);
                assertTrue(printed.contains("device: DeviceException: " + who + " may not use device disk0: it was not granted it"), printed);
                assertTrue(printed.contains("open /dev/disk0: NameServiceException"), printed);
                assertTrue(printed.contains("open /dev/disk0/read-only: NameServiceException"), printed);
                assertTrue(printed.contains("register: NameServiceException"), printed);
                assertFalse(printed.contains("GOT") || printed.contains("WROTE") || printed.contains("FLUSHED")
                        || printed.contains("SQUATTED"), printed);
            }
            assertArrayEquals(new byte[SECTOR], onHost(0, 1), "sector 0 is untouched");
            disk.send(new BlockDevice.Describe());
            assertInstanceOf(BlockDevice.Geometry.class, disk.receive(), "the driver serves on");
            assertEquals(driverSip.pid(), kernel.devices().list().getFirst().holderPid());

            // a starter that offers only the read-only name: reading is all the thief can do
            var out = new ByteArrayOutputStream();
            Proc reader = kernel.spawn(thief, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out))
                    .withGrants(new Grants(java.util.List.of(), java.util.List.of("/dev/disk0/read-only"))));
            assertEquals(0, reader.awaitExit(Duration.ofSeconds(20)).code(), out.toString());
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("open /dev/disk0/read-only: failed read-only\nflush /dev/disk0/read-only: failed read-only"), printed);
            assertTrue(printed.contains("open /dev/disk0: NameServiceException"), printed);
            assertArrayEquals(new byte[SECTOR], onHost(0, 1), "sector 0 is still untouched");
        }
    }

    @Test
    void aSecondDriverWhileTheFirstRunsGetsNoDevice() throws Exception {
        try (Kernel kernel = bootWithDisk()) {
            Proc first = startDriver(kernel);
            open(kernel, "/dev/disk0");
            var out = new ByteArrayOutputStream();
            Proc second = kernel.spawn(driver, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out)));
            assertEquals(1, second.awaitExit(Duration.ofSeconds(10)).code());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("DeviceException: device disk0 is held by pid "
                    + first.pid() + " (disk-driver); one SIP holds a device at a time"), out.toString());
        }
    }

    /**
     * Flushed data survives a kill of the driver in the middle of other writes; every request in
     * flight then fails with the channel closed, never with an answer, and no read ever returns
     * other bytes than were written; the restarted driver gets the device back.
     */
    @Test
    void aDriverKilledMidWriteLosesNothingFlushedAndItsClientsSeeClosedNeverWrongData() throws Exception {
        try (Kernel kernel = bootWithDisk()) {
            Proc first = startDriver(kernel);
            Endpoint<BlockDevice> disk = open(kernel, "/dev/disk0");
            disk.send(new BlockDevice.Write(0, 64, filled(kernel, 64, 5)));
            Block kept = assertInstanceOf(BlockDevice.Written.class, disk.receive()).block();
            disk.send(new BlockDevice.Flush());
            assertEquals(new BlockDevice.Flushed(), disk.receive());

            AtomicReference<Throwable> writerEnd = new AtomicReference<>();
            AtomicReference<Throwable> readerEnd = new AtomicReference<>();
            AtomicInteger writes = new AtomicInteger();
            AtomicInteger reads = new AtomicInteger();
            Endpoint<BlockDevice> writing = open(kernel, "/dev/disk0");
            Endpoint<BlockDevice> reading = open(kernel, "/dev/disk0");
            Thread writer = Thread.ofPlatform().start(() -> {
                Block block = filled(kernel, 4096, 6); // 2 MiB over sectors 4096..8191
                try {
                    while (true) {
                        writing.send(new BlockDevice.Write(4096, 4096, block));
                        block = ((BlockDevice.Written) writing.receive()).block();
                        writes.incrementAndGet();
                    }
                } catch (Throwable t) {
                    writerEnd.set(t);
                }
            });
            Thread reader = Thread.ofPlatform().start(() -> {
                Block block = kernel.ipc().allocate(kernel.host(), 64 * SECTOR);
                try {
                    while (true) {
                        reading.send(new BlockDevice.Read(0, 64, block));
                        block = ((BlockDevice.Data) reading.receive()).block();
                        assertArrayEquals(pattern(64, 5), contents(block, 64 * SECTOR), "a read returned other bytes");
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    readerEnd.set(t);
                }
            });
            while (writes.get() < 3 || reads.get() < 3) {
                Thread.sleep(1);
            }
            assertTrue(kernel.kill(first.pid(), KillCause.REQUESTED, "killed mid-write by the test"));
            writer.join(10_000);
            reader.join(10_000);
            assertInstanceOf(ChannelClosedException.class, writerEnd.get(), "the write in flight fails with closed");
            assertInstanceOf(ChannelClosedException.class, readerEnd.get(), "the read in flight fails with closed");
            assertTrue(writerEnd.get().getMessage().contains("killed mid-write by the test"), writerEnd.get().getMessage());
            first.awaitExit(Duration.ofSeconds(10));
            assertEquals(0, kernel.devices().list().getFirst().holderPid(), "the device is free once its driver ended");

            startDriver(kernel);
            Endpoint<BlockDevice> again = open(kernel, "/dev/disk0");
            kept.fill(0, kept.size(), (byte) 0);
            again.send(new BlockDevice.Read(0, 64, kept));
            Block read = assertInstanceOf(BlockDevice.Data.class, again.receive()).block();
            assertArrayEquals(pattern(64, 5), contents(read, 64 * SECTOR), "the flushed sectors survived the kill");
            assertArrayEquals(pattern(64, 5), onHost(0, 64));
        }
    }

    @Test
    void anImageThatIsNotWholeSectorsIsRefusedWithWhyAndOneTruncatedUnderTheDriverGivesAnErrorNotZeros() throws Exception {
        Path odd = work.resolve("odd.img");
        Files.write(odd, new byte[1000]);
        var refused = assertThrows(KernelException.class, () -> DiskImage.check(odd));
        assertEquals("disk image " + odd + " is 1000 bytes, not a whole number of 512-byte sectors (truncated or not a disk image?)",
                refused.getMessage());
        Path empty = Files.createFile(work.resolve("empty.img"));
        assertThrows(KernelException.class, () -> DiskImage.check(empty));
        assertThrows(KernelException.class, () -> DiskImage.check(work.resolve("absent.img")));

        try (Kernel kernel = bootWithDisk()) {
            startDriver(kernel);
            Endpoint<BlockDevice> disk = open(kernel, "/dev/disk0");
            try (RandomAccessFile file = new RandomAccessFile(diskFile.toFile(), "rw")) {
                file.setLength(DISK_BYTES / 2); // the host truncates the image under the running driver
            }
            disk.send(new BlockDevice.Read(DISK_BYTES / SECTOR - 1, 1, kernel.ipc().allocate(kernel.host(), SECTOR)));
            var failed = assertInstanceOf(BlockDevice.Failed.class, disk.receive());
            assertEquals(BlockDevice.IO_ERROR, failed.error());
            assertTrue(failed.reason().contains("(it was truncated on the host)"), failed.reason());
            disk.send(new BlockDevice.Read(0, 1, failed.block()));
            assertInstanceOf(BlockDevice.Data.class, disk.receive(), "what is still there reads as ever");
        }
    }

    @Test
    void theDefaultImageBootsWithoutADiskWhenItsImageFileIsDamagedAndSaysWhy() throws Exception {
        SystemImage image = new SystemImage(work.resolve("image"));
        ProgramInstaller.install(image, ProgramJar.read(Path.of(System.getProperty("singj.apps")).resolve("disk-driver.jar")),
                "disk-driver", 0, DefaultImage.SOURCE_PREFIX + "test");
        Files.createDirectories(DefaultImage.diskImage(image).getParent());
        Files.write(DefaultImage.diskImage(image), new byte[700]);
        var err = new ByteArrayOutputStream();
        try (Kernel kernel = Kernel.boot(image, KernelConfig.defaults())) {
            assertNull(DefaultImage.startDisk(kernel, image, Stdio.none(), new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertEquals("singj: booting without disk0: disk image " + DefaultImage.diskImage(image)
                    + " is 700 bytes, not a whole number of 512-byte sectors (truncated or not a disk image?)\n", err.toString());
            assertTrue(kernel.processes().isEmpty(), "nothing started");
        }
    }
}
