package singj.bench.workloads.runaway;

import java.math.BigInteger;

/** One BigInteger.pow whose result has about 95 million bits: minutes of multiplication inside the JDK. */
public final class BigIntegerPower {
    private BigIntegerPower() {}

    public static void main(String[] args) {
        BigInteger three = BigInteger.valueOf(3);
        System.out.println("running");
        System.out.println("bits: " + three.pow(60_000_000).bitLength());
    }
}
