package singj.fs;

import java.util.Arrays;

/**
 * A disk in a byte array that remembers what was flushed: {@link #lostUnflushed()} gives the disk
 * as a power cut would leave it. A run of blocks ({@code read/write(long, byte[][], int)}) is one
 * request, as over the driver's channel; a failing run write lands its first
 * {@link #landedOfFailingRun} buffers and no more, as a driver killed in the middle of one would.
 */
final class MemoryDisk implements Disk {
    final byte[] bytes;
    private byte[] durable;
    int flushes;
    int writes;
    /** Writes after this many fail, as a dying driver's would; negative for never. */
    int failAfterWrites = -1;
    /** Buffers of the failing run write that reach the disk before it fails. */
    int landedOfFailingRun;
    /** Read requests, and those of them that were runs of more than one buffer. */
    int reads;
    int runReads;
    /** Write requests that were runs of more than one buffer. */
    int runWrites;

    MemoryDisk(long sectors) {
        bytes = new byte[(int) (sectors * SECTOR_SIZE)];
        durable = bytes.clone();
    }

    MemoryDisk(byte[] image) {
        bytes = image;
        durable = image.clone();
    }

    @Override
    public long sectors() {
        return bytes.length / SECTOR_SIZE;
    }

    @Override
    public void read(long sector, int count, byte[] into) {
        reads++;
        range(sector, count);
        System.arraycopy(bytes, (int) (sector * SECTOR_SIZE), into, 0, count * SECTOR_SIZE);
    }

    @Override
    public void write(long sector, int count, byte[] from) {
        range(sector, count);
        if (failAfterWrites >= 0 && writes >= failAfterWrites) {
            throw new DiskException("the disk is gone", true);
        }
        writes++;
        System.arraycopy(from, 0, bytes, (int) (sector * SECTOR_SIZE), count * SECTOR_SIZE);
    }

    @Override
    public void read(long sector, byte[][] into, int buffers) {
        range(sector, sectorsOf(into, buffers));
        reads++;
        runReads += buffers > 1 ? 1 : 0;
        int at = (int) (sector * SECTOR_SIZE);
        for (int i = 0; i < buffers; i++) {
            System.arraycopy(bytes, at, into[i], 0, into[i].length);
            at += into[i].length;
        }
    }

    @Override
    public void write(long sector, byte[][] from, int buffers) {
        range(sector, sectorsOf(from, buffers));
        boolean failing = failAfterWrites >= 0 && writes >= failAfterWrites;
        int landing = failing ? Math.min(landedOfFailingRun, buffers) : buffers;
        int at = (int) (sector * SECTOR_SIZE);
        for (int i = 0; i < landing; i++) {
            System.arraycopy(from[i], 0, bytes, at, from[i].length);
            at += from[i].length;
        }
        if (failing) {
            throw new DiskException("the disk is gone after " + landing + " of a run of " + buffers + " blocks", true);
        }
        writes++;
        runWrites += buffers > 1 ? 1 : 0;
    }

    private static int sectorsOf(byte[][] buffers, int count) {
        int sectors = 0;
        for (int i = 0; i < count; i++) {
            sectors += buffers[i].length / SECTOR_SIZE;
        }
        return sectors;
    }

    @Override
    public void flush() {
        flushes++;
        durable = bytes.clone();
    }

    /** The disk after a crash that lost every write since the last flush. */
    MemoryDisk lostUnflushed() {
        return new MemoryDisk(durable.clone());
    }

    MemoryDisk copy() {
        return new MemoryDisk(bytes.clone());
    }

    private void range(long sector, int count) {
        if (sector < 0 || count <= 0 || sector + count > sectors()) {
            throw new DiskException("sectors " + sector + "+" + count + " not on the disk", false);
        }
    }

    byte[] block(long block) {
        return Arrays.copyOfRange(bytes, (int) (block * Superblock.BLOCK_SIZE), (int) ((block + 1) * Superblock.BLOCK_SIZE));
    }

    void putBlock(long block, byte[] contents) {
        System.arraycopy(contents, 0, bytes, (int) (block * Superblock.BLOCK_SIZE), Superblock.BLOCK_SIZE);
    }
}
