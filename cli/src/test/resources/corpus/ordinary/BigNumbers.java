import java.math.*;
import java.util.*;

/** BigInteger and BigDecimal: factorials, powers, modular arithmetic, scales, rounding modes. */
public class BigNumbers {
    public static void main(String[] args) {
        BigInteger f = BigInteger.ONE;
        for (int i = 1; i <= 50; i++) {
            f = f.multiply(BigInteger.valueOf(i));
            if (i % 10 == 0) System.out.println(i + "! = " + f);
        }
        System.out.println("digits of 50! " + f.toString().length() + " bitLength " + f.bitLength());
        BigInteger two = BigInteger.TWO;
        System.out.println("2^200 = " + two.pow(200));
        System.out.println("2^127-1 prime? " + two.pow(127).subtract(BigInteger.ONE).isProbablePrime(50));
        System.out.println("modPow " + BigInteger.valueOf(3).modPow(BigInteger.valueOf(1000), BigInteger.valueOf(1_000_000_007)));
        System.out.println("modInverse " + BigInteger.valueOf(17).modInverse(BigInteger.valueOf(3120)));
        System.out.println("gcd " + new BigInteger("123456789012345678901234567890").gcd(new BigInteger("987654321098765432109876543210")));
        BigInteger[] qr = new BigInteger("100000000000000000000007").divideAndRemainder(BigInteger.valueOf(97));
        System.out.println("divmod " + qr[0] + " r " + qr[1] + " hex " + BigInteger.valueOf(255).toString(16) + " sqrt " + two.pow(100).sqrt());
        System.out.println("negative " + BigInteger.valueOf(-17).mod(BigInteger.valueOf(5)) + " " + BigInteger.valueOf(-17).remainder(BigInteger.valueOf(5)));

        BigDecimal a = new BigDecimal("0.1");
        BigDecimal b = new BigDecimal("0.2");
        System.out.println("exact 0.1+0.2 = " + a.add(b) + " vs double " + (0.1 + 0.2));
        System.out.println("new BigDecimal(0.1) = " + new BigDecimal(0.1));
        BigDecimal third = BigDecimal.ONE.divide(BigDecimal.valueOf(3), new MathContext(40));
        System.out.println("1/3 to 40 digits " + third);
        for (RoundingMode mode : List.of(RoundingMode.UP, RoundingMode.DOWN, RoundingMode.CEILING, RoundingMode.FLOOR,
                RoundingMode.HALF_UP, RoundingMode.HALF_DOWN, RoundingMode.HALF_EVEN)) {
            System.out.println(mode + ": 2.345->" + new BigDecimal("2.345").setScale(2, mode) + " -2.345->"
                    + new BigDecimal("-2.345").setScale(2, mode) + " 2.355->" + new BigDecimal("2.355").setScale(2, mode));
        }
        try {
            BigDecimal.ONE.divide(BigDecimal.valueOf(3));
        } catch (ArithmeticException e) {
            System.out.println("non-terminating: " + e.getMessage());
        }
        BigDecimal price = new BigDecimal("19.99");
        BigDecimal qty = BigDecimal.valueOf(3);
        BigDecimal total = price.multiply(qty).multiply(new BigDecimal("1.075")).setScale(2, RoundingMode.HALF_EVEN);
        System.out.println("total with tax " + total + " scale " + total.scale() + " precision " + total.precision());
        System.out.println("equals vs compareTo: " + new BigDecimal("2.0").equals(new BigDecimal("2.00")) + " "
                + (new BigDecimal("2.0").compareTo(new BigDecimal("2.00")) == 0) + " strip " + new BigDecimal("2.500").stripTrailingZeros());
        System.out.println("plain " + new BigDecimal("1E+5").toPlainString() + " engineering " + new BigDecimal("12345E-10").toEngineeringString()
                + " sci " + new BigDecimal("0.00000012"));
        BigDecimal pi = BigDecimal.ZERO;
        MathContext mc = new MathContext(30);
        for (int k = 0; k < 25; k++) {
            BigDecimal term = BigDecimal.ONE.divide(BigDecimal.valueOf(16).pow(k), mc).multiply(
                    BigDecimal.valueOf(4).divide(BigDecimal.valueOf(8L * k + 1), mc)
                            .subtract(BigDecimal.valueOf(2).divide(BigDecimal.valueOf(8L * k + 4), mc))
                            .subtract(BigDecimal.ONE.divide(BigDecimal.valueOf(8L * k + 5), mc))
                            .subtract(BigDecimal.ONE.divide(BigDecimal.valueOf(8L * k + 6), mc)), mc);
            pi = pi.add(term, mc);
        }
        System.out.println("pi " + pi.round(new MathContext(28)));
        System.out.println("sqrt(2) " + BigDecimal.TWO.sqrt(new MathContext(35)));
        System.out.println("long overflow vs big: " + (Long.MAX_VALUE + 1) + " " + BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
        try {
            System.out.println(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).longValueExact());
        } catch (ArithmeticException e) {
            System.out.println("longValueExact: " + e.getMessage());
        }
    }
}
