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
 * through one exchange-heap block that goes to the driver and comes back in each answer. A run of
 * consecutive blocks is one request of up to {@link #BUFFER_BYTES}: the driver's cost is per
 * request (two thread hand-offs), hardly per byte.
 */
final class ChannelDisk implements Disk {
    /** The largest request: 64 file system blocks, the file system's longest run. */
    static final int BUFFER_BYTES = 256 << 10;
    private static final int BUFFER_SECTORS = BUFFER_BYTES / SECTOR_SIZE;

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
        this.buffer = new Owned<>(Sip.allocate(BUFFER_BYTES));
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long sector, int count, byte[] into) {
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, BUFFER_SECTORS);
            Block data = request(new BlockDevice.Read(sector + done, n, buffer.take()));
            data.copyTo(0, into, done * SECTOR_SIZE, n * SECTOR_SIZE);
            buffer.put(data);
            done += n;
        }
    }

    @Override
    public void read(long sector, byte[][] into, int buffers) {
        for (int i = 0; i < buffers; ) {
            int bytes = 0;
            int first = i;
            while (i < buffers && bytes + into[i].length <= BUFFER_BYTES) {
                bytes += into[i++].length;
            }
            if (i == first) { // one buffer larger than a request: on its own
                read(sector, into[i].length / SECTOR_SIZE, into[i]);
                sector += into[i++].length / SECTOR_SIZE;
                continue;
            }
            Block data = request(new BlockDevice.Read(sector, bytes / SECTOR_SIZE, buffer.take()));
            for (int j = first, at = 0; j < i; at += into[j++].length) {
                data.copyTo(at, into[j], 0, into[j].length);
            }
            buffer.put(data);
            sector += bytes / SECTOR_SIZE;
        }
    }

    @Override
    public void write(long sector, int count, byte[] from) {
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, BUFFER_SECTORS);
            Block out = buffer.take();
            out.copyFrom(from, done * SECTOR_SIZE, 0, n * SECTOR_SIZE);
            buffer.put(request(new BlockDevice.Write(sector + done, n, out)));
            done += n;
        }
    }

    @Override
    public void write(long sector, byte[][] from, int buffers) {
        for (int i = 0; i < buffers; ) {
            int bytes = 0;
            int first = i;
            while (i < buffers && bytes + from[i].length <= BUFFER_BYTES) {
                bytes += from[i++].length;
            }
            if (i == first) {
                write(sector, from[i].length / SECTOR_SIZE, from[i]);
                sector += from[i++].length / SECTOR_SIZE;
                continue;
            }
            Block out = buffer.take();
            for (int j = first, at = 0; j < i; at += from[j++].length) {
                out.copyFrom(from[j], 0, at, from[j].length);
            }
            buffer.put(request(new BlockDevice.Write(sector, bytes / SECTOR_SIZE, out)));
            sector += bytes / SECTOR_SIZE;
        }
    }

    /**
     * Sends a Read or Write carrying the buffer, and returns the buffer as it comes back; a
     * failure puts the buffer back and throws.
     */
    private Block request(Message request) {
        Endpoint<BlockDevice> driver = device.take();
        Message answer;
        try {
            driver.send(request);
            answer = driver.receive();
        } catch (ChannelClosedException e) {
            throw new DiskException("the disk driver is gone: " + e.getMessage(), true);
        }
        device.put(driver);
        switch (answer) {
            case BlockDevice.Data(Block data) -> {
                return data;
            }
            case BlockDevice.Written(Block back) -> {
                return back;
            }
            case BlockDevice.Failed(String error, String reason, Block back) -> {
                buffer.put(back);
                throw new DiskException(reason, BlockDevice.CLOSED.equals(error));
            }
            default -> throw new DiskException("the driver answered " + answer + " to " + request, false);
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
