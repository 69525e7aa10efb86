package singj.fs;

/**
 * What one client may use of the disk: bytes of blocks it allocates and files (and directories)
 * it creates, counted from when the quota was made (the file system SIP makes one a client SIP).
 * What the client frees by truncating or deleting through it is given back. Not thread-safe
 * alone: the file system changes it under its own lock.
 */
public final class Quota {
    private final long maxBytes;
    private final long maxFiles;
    private long bytes;
    private long files;

    public Quota(long maxBytes, long maxFiles) {
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    public static Quota unlimited() {
        return new Quota(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long maxFiles() {
        return maxFiles;
    }

    public long bytes() {
        return bytes;
    }

    public long files() {
        return files;
    }

    void chargeBlock() {
        if (bytes + Superblock.BLOCK_SIZE > maxBytes) {
            throw new FsException("quota", "quota of " + maxBytes + " bytes used up (" + bytes + " in use by this client)");
        }
        bytes += Superblock.BLOCK_SIZE;
    }

    void chargeFile() {
        if (files + 1 > maxFiles) {
            throw new FsException("quota", "quota of " + maxFiles + " files used up");
        }
        files++;
    }

    void creditBlocks(long count) {
        bytes = Math.max(0, bytes - count * Superblock.BLOCK_SIZE);
    }

    void creditFile() {
        files = Math.max(0, files - 1);
    }

    long[] save() {
        return new long[] {bytes, files};
    }

    void restore(long[] saved) {
        bytes = saved[0];
        files = saved[1];
    }
}
