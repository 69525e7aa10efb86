package singj.fs;

/** Little-endian integers in byte arrays: the on-disk byte order. */
final class Bytes {
    private Bytes() {}

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }

    static long getLong(byte[] b, int at) {
        return (getInt(b, at) & 0xffffffffL) | (long) getInt(b, at + 4) << 32;
    }

    static void putLong(byte[] b, int at, long value) {
        putInt(b, at, (int) value);
        putInt(b, at + 4, (int) (value >>> 32));
    }

    static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }
}
