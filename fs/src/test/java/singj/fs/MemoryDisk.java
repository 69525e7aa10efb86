package singj.fs;

import java.util.Arrays;

/**
 * A disk in a byte array that remembers what was flushed: {@link #crash()} gives the disk as a
 * power cut would leave it, where each write not yet flushed may or may not have landed.
 */
final class MemoryDisk implements Disk {
    final byte[] bytes;
    private byte[] durable;
    int flushes;
    int writes;
    /** Writes after this many fail, as a dying driver's would; negative for never. */
    int failAfterWrites = -1;

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
