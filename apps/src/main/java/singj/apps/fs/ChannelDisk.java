package singj.apps.fs;

import singj.abi.Block;
import singj.abi.BlockDevice;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Owned;
import singj.abi.Sip;
import singj.fs.Disk;
import singj.fs.DiskException;

/**
 * The disk driver's {@link BlockDevice} channel as the file system library's {@link Disk}: one
 * request at a time (the file system holds its lock around every call), the sectors moving
 * through one exchange-heap block that goes to the driver and comes back in each answer.
 */
final class ChannelDisk implements Disk {
    /** The largest request: one file system block. */
    private static final int BLOCK_BYTES = 4096;

    private final Owned<Endpoint<BlockDevice>> device;
    private final Owned<Block> buffer;
    private final long sectors;

    ChannelDisk(String name) {
        Endpoint<BlockDevice> driver = Sip.open(name, BlockDevice.class);
        driver.send(new BlockDevice.Describe());
        Message answer = driver.receive();
        if (!(answer instanceof BlockDevice.Geometry(String device, long count, int size, boolean writable))) {
            throw new DiskException(name + ": the driver answered " + answer + " to Describe", false);
        }
        if (!writable) {
            throw new DiskException(name + ": the driver serves device " + device + " read-only", false);
        }
        this.sectors = count;
        this.device = new Owned<>(driver);
        this.buffer = new Owned<>(Sip.allocate(BLOCK_BYTES));
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long sector, int count, byte[] into) {
        Endpoint<BlockDevice> driver = device.take();
        Message answer;
        try {
            driver.send(new BlockDevice.Read(sector, count, buffer.take()));
            answer = driver.receive();
        } catch (ChannelClosedException e) {
            throw new DiskException("the disk driver is gone: " + e.getMessage(), true);
        }
        device.put(driver);
        switch (answer) {
            case BlockDevice.Data(Block data) -> {
                data.copyTo(0, into, 0, count * SECTOR_SIZE);
                buffer.put(data);
            }
            case BlockDevice.Failed(String error, String reason, Block back) -> {
                buffer.put(back);
                throw new DiskException(reason, BlockDevice.CLOSED.equals(error));
            }
            default -> throw new DiskException("the driver answered " + answer + " to Read", false);
        }
    }

    @Override
    public void write(long sector, int count, byte[] from) {
        Block out = buffer.take();
        out.copyFrom(from, 0, 0, count * SECTOR_SIZE);
        Endpoint<BlockDevice> driver = device.take();
        Message answer;
        try {
            driver.send(new BlockDevice.Write(sector, count, out));
            answer = driver.receive();
        } catch (ChannelClosedException e) {
            throw new DiskException("the disk driver is gone: " + e.getMessage(), true);
        }
        device.put(driver);
        switch (answer) {
            case BlockDevice.Written(Block back) -> buffer.put(back);
            case BlockDevice.Failed(String error, String reason, Block back) -> {
                buffer.put(back);
                throw new DiskException(reason, BlockDevice.CLOSED.equals(error));
            }
            default -> throw new DiskException("the driver answered " + answer + " to Write", false);
        }
    }

    @Override
    public void flush() {
        Endpoint<BlockDevice> driver = device.take();
        Message answer;
        try {
            driver.send(new BlockDevice.Flush());
            answer = driver.receive();
        } catch (ChannelClosedException e) {
            throw new DiskException("the disk driver is gone: " + e.getMessage(), true);
        }
        device.put(driver);
        if (answer instanceof BlockDevice.Failed(String error, String reason, Block none)) {
            throw new DiskException(reason, BlockDevice.CLOSED.equals(error));
        }
    }
}
