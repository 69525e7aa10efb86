package singj.apps.disk;

import singj.abi.Block;
import singj.abi.BlockDevice;
import singj.abi.ChannelClosedException;
import singj.abi.Device;
import singj.abi.DeviceException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Owned;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * The disk driver: holds device {@code disk0} (a disk image the kernel attached and granted to
 * this program alone) and serves it as a {@link BlockDevice} at {@code /dev/disk0}, and read-only
 * at {@code /dev/disk0/read-only}, each client in a thread of its own. Sectors move between the
 * device and the client's block without a copy: the kernel does the host I/O into the block, and
 * the block goes back in the reply. It prints nothing while all is well: it runs from boot.
 */
public class DiskDriver {
    static final String DEVICE = "disk0";
    static final String NAME = "/dev/disk0";
    static final String READ_ONLY = "/dev/disk0/read-only";

    public static void main(String[] args) {
        Device disk = Sip.device(DEVICE);
        Service<BlockDevice> readWrite = Sip.register(NAME, BlockDevice.class);
        Service<BlockDevice> readOnly = Sip.register(READ_ONLY, BlockDevice.class);
        Thread readers = new Thread(() -> acceptAll(disk, readOnly, false), "read-only");
        readers.start();
        acceptAll(disk, readWrite, true);
    }

    private static void acceptAll(Device disk, Service<BlockDevice> service, boolean writable) {
        int clients = 0;
        while (true) {
            Owned<Endpoint<BlockDevice>> client = new Owned<>(service.accept());
            int number = ++clients;
            new Thread(() -> serve(disk, client.take(), writable), (writable ? "client-" : "reader-") + number).start();
        }
    }

    private static void serve(Device disk, Endpoint<BlockDevice> client, boolean writable) {
        long sectors = disk.size() / BlockDevice.SECTOR_SIZE;
        try {
            while (true) {
                Message request = client.receive();
                switch (request) {
                    case BlockDevice.Describe() ->
                            client.send(new BlockDevice.Geometry(disk.name(), sectors, BlockDevice.SECTOR_SIZE, writable));
                    case BlockDevice.Read(long sector, int count, Block into) ->
                            client.send(read(disk, sector, count, into, sectors));
                    case BlockDevice.Write(long sector, int count, Block from) ->
                            client.send(write(disk, sector, count, from, sectors, writable));
                    case BlockDevice.Flush() -> client.send(flush(disk, writable));
                    default -> throw new IllegalStateException("not a block-device request: " + request);
                }
            }
        } catch (ChannelClosedException gone) {
            // the client closed its channel, ended, or broke the contract: the next client is served as ever
        }
    }

    private static Message read(Device disk, long sector, int count, Block into, long sectors) {
        String problem = problem(sector, count, into, sectors);
        if (problem != null) {
            return new BlockDevice.Failed(problem.startsWith("sectors") ? BlockDevice.OUT_OF_RANGE : BlockDevice.BAD_BLOCK,
                    "read of " + count + " sectors at " + sector + ": " + problem, into);
        }
        try {
            disk.read(sector * BlockDevice.SECTOR_SIZE, into, 0, (long) count * BlockDevice.SECTOR_SIZE);
        } catch (DeviceException e) {
            return failed(e, into);
        }
        return new BlockDevice.Data(into);
    }

    private static Message write(Device disk, long sector, int count, Block from, long sectors, boolean writable) {
        if (!writable) {
            return new BlockDevice.Failed(BlockDevice.READ_ONLY, "write of " + count + " sectors at " + sector
                    + ": this channel was opened at " + READ_ONLY, from);
        }
        String problem = problem(sector, count, from, sectors);
        if (problem != null) {
            return new BlockDevice.Failed(problem.startsWith("sectors") ? BlockDevice.OUT_OF_RANGE : BlockDevice.BAD_BLOCK,
                    "write of " + count + " sectors at " + sector + ": " + problem, from);
        }
        try {
            disk.write(sector * BlockDevice.SECTOR_SIZE, from, 0, (long) count * BlockDevice.SECTOR_SIZE);
        } catch (DeviceException e) {
            return failed(e, from);
        }
        return new BlockDevice.Written(from);
    }

    private static Message flush(Device disk, boolean writable) {
        if (!writable) {
            return new BlockDevice.Failed(BlockDevice.READ_ONLY, "flush: this channel was opened at " + READ_ONLY, null);
        }
        try {
            disk.flush();
        } catch (DeviceException e) {
            return failed(e, null);
        }
        return new BlockDevice.Flushed();
    }

    /** What is wrong with a request for {@code count} sectors at {@code sector} through {@code block}, or null. */
    /**
     * Why these sectors cannot be moved with {@code block}, or null. It only reads the block: a Failed
     * message made here would take the handle on every path, as far as the installer's linear-handle
     * check can tell, so the caller makes the message.
     */
    private static String problem(long sector, int count, Block block, long sectors) {
        if (count <= 0 || sector < 0 || sector > sectors - count) {
            return "sectors " + sector + " to " + (sector + count - 1) + " are not on the device (sectors 0 to "
                    + (sectors - 1) + ", " + count + " asked for)";
        }
        if (block == null) {
            return "the request carries no block";
        }
        if (block.size() < (long) count * BlockDevice.SECTOR_SIZE) {
            return "the block of " + block.size() + " bytes is too small for " + count + " sectors ("
                    + (long) count * BlockDevice.SECTOR_SIZE + " bytes)";
        }
        return null;
    }

    private static Message failed(DeviceException e, Block block) {
        return new BlockDevice.Failed(e.closed() ? BlockDevice.CLOSED : BlockDevice.IO_ERROR, e.getMessage(), block);
    }
}
