package singj.kernel.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.abi.Block;
import singj.abi.Device;
import singj.abi.DeviceException;
import singj.abi.ExchangeHeapException;
import singj.kernel.ipc.ExchangeHeap;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;

/**
 * The kernel's half of a device, as a driver that breaks the rules would meet it: ranges outside
 * the device or its block, blocks it does not hold, a device held twice, and a device used after
 * its holder ended. The host file never grows and never changes but where a write was allowed.
 */
class DevicesTest {
    @TempDir
    Path work;

    private final ExchangeHeap heap = new ExchangeHeap(64L << 20);

    private static Holdings sip(int pid) {
        return new Holdings(pid, "sip" + pid, Grants.NONE, 16L << 20, () -> false, () -> new AssertionError("not killed"));
    }

    private Devices attached(Path file) {
        Devices devices = new Devices(heap);
        devices.attach("disk0", DiskImage.createIfMissing(file, 64 * 1024), "program driver");
        return devices;
    }

    @Test
    void aDriverCanNeitherReachPastTheDeviceNorPastItsBlockNorIntoABlockItDoesNotHold() throws Exception {
        Path file = work.resolve("disk0.img");
        Devices devices = attached(file);
        Holdings driver = sip(1);
        Device disk = devices.lease("disk0", driver);
        Block block = heap.allocate(driver, 4096);
        block.fill(0, 4096, (byte) 7);

        var past = assertThrows(DeviceException.class, () -> disk.write(64 * 1024 - 512, block, 0, 1024));
        assertEquals("cannot write 1024 bytes at 65024 of disk0: the device holds 65536 bytes", past.getMessage());
        assertThrows(DeviceException.class, () -> disk.write(Long.MAX_VALUE - 10, block, 0, 100));
        assertThrows(DeviceException.class, () -> disk.read(-512, block, 0, 512));
        var outside = assertThrows(DeviceException.class, () -> disk.read(0, block, 4000, 512));
        assertEquals("cannot read 512 bytes at offset 4000 of a block of 4096 bytes", outside.getMessage());
        assertEquals(64 * 1024, Files.size(file), "the host file never grew");

        Holdings other = sip(2);
        Block theirs = heap.allocate(other, 512);
        var notHeld = assertThrows(ExchangeHeapException.class, () -> disk.read(0, theirs, 0, 512));
        assertEquals("block of 512 bytes is not held by pid 1 (sip1)", notHeld.getMessage());
        Block freed = heap.allocate(driver, 512);
        freed.free();
        assertThrows(ExchangeHeapException.class, () -> disk.write(0, freed, 0, 512));

        disk.write(512, block, 0, 512);
        disk.flush();
        byte[] onHost = Files.readAllBytes(file);
        for (int i = 0; i < onHost.length; i++) {
            assertEquals(i >= 512 && i < 1024 ? 7 : 0, onHost[i], "byte " + i);
        }
    }

    @Test
    void oneHolderAtATimeAndAnEndedHoldersDeviceIsClosedForIt() {
        Devices devices = attached(work.resolve("disk0.img"));
        Holdings first = sip(1);
        Device disk = devices.lease("disk0", first);
        var taken = assertThrows(DeviceException.class, () -> devices.lease("disk0", sip(2)));
        assertEquals("device disk0 is held by pid 1 (sip1); one SIP holds a device at a time", taken.getMessage());
        assertFalse(taken.closed());
        var absent = assertThrows(DeviceException.class, () -> devices.lease("disk1", sip(2)));
        assertEquals("no device disk1 is attached", absent.getMessage());

        first.release("pid 1 (sip1) was killed");
        var closed = assertThrows(DeviceException.class, disk::flush);
        assertTrue(closed.closed());
        assertEquals("device disk0 is closed: pid 1 (sip1) was killed", closed.getMessage());
        Block block = heap.allocate(sip(3), 512);
        assertThrows(DeviceException.class, () -> disk.read(0, block, 0, 512));

        Holdings next = sip(4);
        devices.lease("disk0", next).flush(); // the restarted driver takes it
        assertEquals(4, devices.list().getFirst().holderPid());
        devices.close();
        assertEquals(0, devices.list().getFirst().holderPid());
    }
}
