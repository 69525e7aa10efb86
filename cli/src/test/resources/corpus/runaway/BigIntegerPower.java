import java.math.BigInteger;

/** Runaway: one BigInteger power that takes minutes, with no call back into the program's own code. */
public class BigIntegerPower {
    public static void main(String[] args) {
        System.out.println("running");
        System.out.println(BigInteger.valueOf(3).pow(60_000_000).bitLength());
    }
}
