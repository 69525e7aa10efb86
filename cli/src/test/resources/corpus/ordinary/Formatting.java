import java.util.*;

/** String.format and printf with widths, flags, precisions and explicit locales. */
public class Formatting {
    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "|%5d|%-5d|%05d|%+d|%,d|%x|%X|%o|%08.3f|%n", 42, 42, 42, 42, 1234567, 255, 255, 8, 3.14159);
        System.out.printf(Locale.ROOT, "|%10s|%-10s|%.3s|%S|%c|%b|%%|%n", "right", "left", "truncate", "upper", 'z', null);
        System.out.printf(Locale.ROOT, "|%e|%.2e|%g|%a|%n", 12345.678, 0.000123, 0.5, 1.0);
        double[] values = {0, 1.5, -2.25, 1234567.891, 1e-5};
        for (Locale locale : List.of(Locale.US, Locale.GERMANY, Locale.FRANCE, Locale.ROOT, Locale.of("de", "CH"))) {
            System.out.println(locale.toLanguageTag() + ": " + String.format(locale, "%,.2f | %,d | %.1f%%", values[3], 9876543, 12.5));
        }
        System.out.println(String.format(Locale.US, "%-12s%8s%10s", "item", "qty", "price"));
        String[][] rows = {{"apple", "3", "0.5"}, {"watermelon", "1", "3.99"}, {"fig", "12", "0.25"}};
        double total = 0;
        for (String[] row : rows) {
            double price = Double.parseDouble(row[2]) * Integer.parseInt(row[1]);
            total += price;
            System.out.println(String.format(Locale.US, "%-12s%8d%10.2f", row[0], Integer.parseInt(row[1]), price));
        }
        System.out.println(String.format(Locale.US, "%-12s%18.2f", "total", total));
        System.out.println(String.format(Locale.ROOT, "%2$s %1$s %2$s", "a", "b") + " " + String.format(Locale.ROOT, "%s %<s", "again"));
        System.out.println(String.format(Locale.ROOT, "%h %h", "hash", 17) + " " + String.format(Locale.ROOT, "[%8.3s]", "abcdef"));
        System.out.println(String.format(Locale.ROOT, "%(d %(.1f % d", -15, -2.5, 7));
        System.out.println(String.format(Locale.ROOT, "%#x %#o %-#10x|", 255, 8, 4096));
        Formatter formatter = new Formatter(new StringBuilder(), Locale.GERMANY);
        formatter.format("%.3f und %,d", Math.E, 100000).format("; %s", "fertig");
        System.out.println(formatter);
        formatter.close();
        System.out.println(Integer.toBinaryString(42) + " " + Integer.toHexString(-1) + " " + Long.toString(255, 36)
                + " " + Integer.parseInt("-ff", 16) + " " + Integer.toOctalString(64));
        System.out.println(Double.toString(0.1 + 0.2) + " " + (float) (0.1 + 0.2) + " " + 1.0 / 3 + " " + 100.0 + " " + 1e21 + " " + 1e-7);
        System.out.println(Double.MAX_VALUE + " " + Double.MIN_VALUE + " " + (1.0 / 0) + " " + (0.0 / 0) + " " + -0.0);
        System.out.println(Math.round(2.5) + " " + Math.round(-2.5) + " " + Math.floor(-1.1) + " " + Math.ceil(-1.1) + " " + Math.rint(2.5));
        System.out.println(java.text.NumberFormat.getPercentInstance(Locale.US).format(0.256)
                + " " + java.text.NumberFormat.getCurrencyInstance(Locale.US).format(1234.5)
                + " " + new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(Locale.US)).format(9876.543));
        System.out.println(new java.text.MessageFormat("{0} has {1,number,integer} items", Locale.US).format(new Object[]{"cart", 1234}));
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= 5; i++) line.append(String.format(Locale.ROOT, "%3d", i * i));
        System.out.println(line);
    }
}
