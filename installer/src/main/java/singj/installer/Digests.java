package singj.installer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

final class Digests {
    private static final int BLOCK = 64;

    private Digests() {}

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * HMAC-SHA256 (RFC 2104) of {@code parts} one after the other, under a key of at most 64
     * bytes. Made of {@link MessageDigest} rather than taken from {@code javax.crypto.Mac}, which
     * first loads the JDK's security providers one by one until it finds one with HMAC: about
     * 30 ms of the start of a {@code singj run} (its test checks it against {@code Mac}).
     */
    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("an HMAC key longer than " + BLOCK + " bytes must be hashed first");
        }
        byte[] inner = Arrays.copyOf(key, BLOCK);
        byte[] outer = Arrays.copyOf(key, BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            inner[i] ^= 0x36;
            outer[i] ^= 0x5c;
        }
        MessageDigest digest = sha256();
        digest.update(inner);
        for (byte[] part : parts) {
            digest.update(part);
        }
        byte[] innerHash = digest.digest();
        digest.update(outer);
        return digest.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
