package singj.fs;

import java.util.zip.CRC32C;

/** CRC-32C over parts of blocks: the superblock's and the journal's checksums. */
final class Checksum {
    private Checksum() {}

    static int of(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}
