import java.text.DateFormatSymbols;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Leaves behind all it can: tens of MiB in its own collections, statics and thread locals, and
 * every JDK cache it reaches filled with values made from SEED (distinct locales, format
 * patterns, interned strings, regular expressions), work queued on executors, on its common pool
 * and on its timer. Args: SEED COUNT MODE LOCALES, MODE being "return" (main returns), "exit"
 * (System.exit(3) with its threads running) or "wait" (blocks until killed), LOCALES "new" (a
 * locale of its own for each value) or "available" (the JVM's available locales, in turn).
 */
public class CacheFiller {
    static final List<Object> KEPT = new ArrayList<>();
    static final ThreadLocal<byte[]> LOCAL = new ThreadLocal<>();

    public static void main(String[] args) throws Exception {
        String seed = args[0];
        int count = Integer.parseInt(args[1]);
        String mode = args[2];
        boolean newLocales = args[3].equals("new");
        LOCAL.set(new byte[1 << 20]);
        for (int i = 0; i < 48; i++) {
            KEPT.add(new byte[256 * 1024]); // 12 MiB in arrays
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            map.put(seed + "-key-" + i, seed + "-value-" + i); // ~5 MiB in small objects
        }
        KEPT.add(map);
        long checksum = fillJdkCaches(seed, count, newLocales);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < 4; i++) {
            int n = i;
            pool.submit(() -> {
                LOCAL.set(new byte[1 << 20]);
                KEPT.add(new byte[1 << 20]);
                return n;
            }).get();
            virtual.submit(() -> {
                LOCAL.set(new byte[1 << 20]);
                return n;
            }).get();
        }
        CompletableFuture<byte[]> chain = CompletableFuture.supplyAsync(() -> new byte[2 << 20])
                .thenApplyAsync(bytes -> { LOCAL.set(bytes); return bytes; })
                .thenCombine(CompletableFuture.supplyAsync(() -> new byte[1 << 20]), (a, b) -> a);
        KEPT.add(chain.get());
        byte[] late = new byte[4 << 20];
        CompletableFuture.runAsync(() -> KEPT.add(late), CompletableFuture.delayedExecutor(1, TimeUnit.HOURS));
        new CompletableFuture<byte[]>().completeOnTimeout(new byte[2 << 20], 1, TimeUnit.HOURS);
        KEPT.add(List.of(1, 2, 3).parallelStream().map(n -> new byte[n << 18]).toList());
        Thread sleeper = Thread.ofPlatform().start(() -> {
            LOCAL.set(new byte[1 << 20]);
            sleepForever();
        });
        Thread.ofVirtual().start(() -> {
            LOCAL.set(new byte[1 << 20]);
            sleepForever();
        });
        pool.submit(CacheFiller::sleepForever);
        System.out.println("filled " + (checksum != 0));
        switch (mode) {
            case "return" -> {
                sleeper.interrupt();
                pool.shutdownNow();
                virtual.shutdownNow();
            }
            case "exit" -> System.exit(3);
            default -> sleepForever();
        }
    }

    /** Formats, parses and compiles with values no other run uses, so that any cache keyed by them grows. */
    static long fillJdkCaches(String seed, int count, boolean newLocales) {
        LocalDate date = LocalDate.of(2024, 3, 15);
        Locale[] available = Locale.getAvailableLocales();
        long checksum = 0;
        for (int i = 0; i < count; i++) {
            String tag = seed + "x" + i;
            Locale locale = available[i % available.length];
            if (newLocales) { // a SIP may not make locales of its own (LocaleCalls): each try is refused
                try {
                    locale = i % 2 == 0 ? Locale.of(language(seed, i), "Q" + (char) ('A' + i % 26))
                            : Locale.forLanguageTag("en-" + language(seed, i) + "-u-nu-latn");
                } catch (IllegalArgumentException refused) {
                    checksum++;
                }
            }
            checksum += String.format(locale, "%,.2f %s %tB %tA %e", 1234.5 + i, tag, date, date, 0.5).length();
            checksum += new DecimalFormat("#,##0." + "0".repeat(1 + i % 8) + "'" + tag + "'",
                    DecimalFormatSymbols.getInstance(locale)).format(i).length();
            checksum += NumberFormat.getCurrencyInstance(locale).format(i).length();
            checksum += DateFormatSymbols.getInstance(locale).getMonths()[2].length();
            checksum += DateTimeFormatter.ofPattern("yyyy MMMM EEEE '" + tag + "'", locale).format(date).length();
            checksum += DateTimeFormatter.ofLocalizedDate(FormatStyle.values()[i % 4]).withLocale(locale).format(date).length();
            checksum += DecimalStyle.of(locale).getZeroDigit();
            checksum += (tag + "-interned-".repeat(8)).intern().length();
            checksum += Pattern.compile("(" + tag + ")+[a-z]{" + (i % 7) + "}\\d*").matcher(tag + tag).matches() ? 1 : 0;
        }
        return checksum;
    }

    /** A language subtag of five to eight letters, distinct for each seed and i. */
    static String language(String seed, int i) {
        StringBuilder letters = new StringBuilder(seed.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
        for (int n = i; letters.length() < 5 || n > 0; n /= 26) {
            letters.append((char) ('a' + n % 26));
        }
        return letters.length() > 8 ? letters.substring(letters.length() - 8) : letters.toString();
    }

    static Object sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            // returns: the mode that ends by itself interrupts it
        }
        return null;
    }
}
