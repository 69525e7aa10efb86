package singj.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DigestsTest {
    /** RFC 4231, test case 2: a short key. */
    @Test
    void hmacGivesTheRfcsValue() {
        byte[] mac = Digests.hmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want ".getBytes(StandardCharsets.US_ASCII), "for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), mac);
    }

    @Test
    void hmacGivesWhatTheJdksMacGives() throws Exception {
        Random random = new Random(15);
        for (int keyLength : new int[] {1, 32, 63, 64}) {
            byte[] key = new byte[keyLength];
            byte[] first = new byte[random.nextInt(200)];
            byte[] second = new byte[random.nextInt(5000)];
            random.nextBytes(key);
            random.nextBytes(first);
            random.nextBytes(second);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(first);
            assertArrayEquals(mac.doFinal(second), Digests.hmacSha256(key, first, second), "key of " + keyLength);
        }
    }
}
