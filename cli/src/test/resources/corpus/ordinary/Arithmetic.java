/** Integer overflow, char arithmetic, bit tricks, division semantics, labeled break/continue. */
public class Arithmetic {
    public static void main(String[] args) {
        int max = Integer.MAX_VALUE;
        System.out.println("MAX+1 = " + (max + 1) + ", MIN-1 = " + (Integer.MIN_VALUE - 1) + ", -MIN = " + (-Integer.MIN_VALUE));
        System.out.println("long MAX*2 = " + (Long.MAX_VALUE * 2) + ", abs(MIN) = " + Math.abs(Integer.MIN_VALUE));
        try {
            Math.addExact(max, 1);
        } catch (ArithmeticException e) {
            System.out.println("addExact: " + e.getMessage());
        }
        System.out.println("multiplyHigh " + Math.multiplyHigh(Long.MAX_VALUE, 3) + " floorDiv " + Math.floorDiv(-7, 2) + " / " + (-7 / 2)
                + " floorMod " + Math.floorMod(-7, 3) + " % " + (-7 % 3));
        System.out.println("byte cast " + (byte) 200 + " short cast " + (short) 70000 + " int from double " + (int) 3.99 + " " + (int) -3.99
                + " " + (int) Double.NaN + " " + (int) 1e20 + " long from float " + (long) Float.POSITIVE_INFINITY);
        char c = 'A';
        c += 2;
        char next = (char) (c + 1);
        System.out.println("chars " + c + next + " int " + (int) c + " sum " + (c + next) + " " + (char) ('a' + 25) + " " + ('z' - 'a'));
        StringBuilder alphabet = new StringBuilder();
        for (char ch = 'a'; ch <= 'z'; ch += 5) alphabet.append(ch);
        System.out.println("every fifth letter " + alphabet + " digit " + Character.getNumericValue('7') + " " + (char) ('0' + 9)
                + " isLetter " + Character.isLetterOrDigit('_') + " upper " + Character.toUpperCase('q'));
        char overflow = Character.MAX_VALUE;
        overflow++;
        System.out.println("char overflow " + (int) overflow);
        int x = 0b1011_0110;
        System.out.println("bits " + Integer.toBinaryString(x) + " >>2 " + (x >> 2) + " <<3 " + (x << 3) + " -x>>>28 " + (-x >>> 28)
                + " -x>>28 " + (-x >> 28) + " &0xF " + (x & 0xF) + " | " + (x | 1) + " ^ " + (x ^ 0xFF) + " ~ " + (~x));
        System.out.println("bitCount " + Integer.bitCount(x) + " highestOneBit " + Integer.highestOneBit(x) + " trailing " + Integer.numberOfTrailingZeros(x)
                + " reverse " + Integer.reverse(1) + " rotate " + Integer.rotateLeft(0x80000001, 1) + " shift by 33: " + (1 << 33) + " " + (1L << 33));
        System.out.println("hex literal " + 0xCAFE_BABE + " long " + 0xCAFE_BABEL + " octal " + 017 + " unsigned " + Integer.toUnsignedString(-1)
                + " divideUnsigned " + Integer.divideUnsigned(-1, 2) + " compareUnsigned " + Integer.compareUnsigned(-1, 1));
        System.out.println("float " + (0.1f + 0.2f) + " " + (float) 1 / 3 + " strict double " + (1.0 - 0.9) + " NaN==NaN " + (Double.NaN == Double.NaN)
                + " equals " + Double.valueOf(Double.NaN).equals(Double.NaN) + " -0.0==0.0 " + (-0.0 == 0.0) + " compare " + Double.compare(-0.0, 0.0));
        int i = 5;
        int j = i++ + ++i;
        int k = i-- - --i;
        System.out.println("increments j=" + j + " k=" + k + " i=" + i + " compound " + (i += i *= 2) + " shortcircuit " + (i > 100 && (i = 0) == 0) + " i=" + i);
        outer:
        for (int row = 0; row < 5; row++) {
            StringBuilder line = new StringBuilder("row " + row + ":");
            for (int col = 0; col < 5; col++) {
                if (col > row) {
                    System.out.println(line);
                    continue outer;
                }
                if (row * col == 6) {
                    System.out.println(line + " stopping at " + row + "," + col);
                    break outer;
                }
                line.append(' ').append(row * col);
            }
            System.out.println(line + " (full)");
        }
        int found = -1;
        search:
        {
            for (int n = 100; n < 200; n++) {
                if (n % 7 == 0 && n % 11 == 0) {
                    found = n;
                    break search;
                }
            }
            System.out.println("not found");
        }
        System.out.println("first multiple of 77 above 100: " + found);
        int loops = 0;
        int n = 27;
        do {
            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
            loops++;
        } while (n != 1);
        System.out.println("collatz(27) steps " + loops);
        long hash = 1125899906842597L;
        for (char ch : "overflowing hash".toCharArray()) hash = 31 * hash + ch;
        System.out.println("long hash " + hash + " ternary chain " + (loops > 100 ? "long" : loops > 50 ? "medium" : "short"));
        System.out.println("integer cache " + (Integer.valueOf(127) == Integer.valueOf(127)) + " equals " + Integer.valueOf(1000).equals(1000)
                + " parse " + Integer.parseInt("+123") + " " + Long.parseLong("-9223372036854775808") + " " + Integer.MIN_VALUE / -1);
        System.out.println("sqrt " + Math.sqrt(2) + " pow " + Math.pow(2, 0.5) + " cbrt " + Math.cbrt(27) + " hypot " + Math.hypot(3, 4)
                + " sin " + Math.sin(Math.PI / 6) + " log10 " + Math.log10(1000) + " exp " + Math.exp(1) + " atan2 " + Math.atan2(1, 1));
    }
}
