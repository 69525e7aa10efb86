/** Runaway: allocates and drops garbage forever; it never holds much, so no quota stops it. */
public class GarbageForever {
    static long checksum;

    public static void main(String[] args) {
        System.out.println("running");
        while (true) {
            byte[] chunk = new byte[4096];
            chunk[chunk.length - 1] = (byte) checksum;
            checksum += chunk[0] + new StringBuilder("x").append(checksum).length();
        }
    }
}
