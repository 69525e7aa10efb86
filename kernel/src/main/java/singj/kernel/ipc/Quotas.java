package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many of the kernel's resources one SIP may hold at once: threads, channel ends, registered
 * names, clients waiting at its names to be accepted, and exchange-heap bytes. In what a starter
 * offers, 0 leaves a field to the default (or to what the program asks, for the exchange heap).
 *
 * @param threads threads it created and that have not ended (its main thread and pool workers too)
 * @param channels channel ends it holds (a channel it creates holds two)
 * @param names names it has registered
 * @param accepts clients waiting, over all its names, for it to accept them
 * @param exchangeBytes bytes of exchange-heap blocks it owns
 */
public record Quotas(int threads, int channels, int names, int accepts, long exchangeBytes) {
    /**
     * Room for real programs: an echo server with a thread and a channel end per client serves
     * a thousand clients at once; a thousand virtual threads cost a few MiB.
     */
    public static final int DEFAULT_THREADS = 1024;
    public static final int DEFAULT_CHANNELS = 4096;
    public static final int DEFAULT_NAMES = 256;
    public static final int DEFAULT_ACCEPTS = 1024;
    /** An offer that leaves everything to the defaults. */
    public static final Quotas UNSET = new Quotas(0, 0, 0, 0, 0);
    /** For the kernel's own holdings. */
    public static final Quotas UNLIMITED = new Quotas(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Long.MAX_VALUE);

    public Quotas {
        if (threads < 0 || channels < 0 || names < 0 || accepts < 0 || exchangeBytes < 0) {
            throw new IllegalArgumentException("quotas must not be negative: " + this);
        }
    }

    /** The defaults, with {@code exchangeBytes} (the kernel's configuration holds it). */
    public static Quotas defaults(long exchangeBytes) {
        return new Quotas(DEFAULT_THREADS, DEFAULT_CHANNELS, DEFAULT_NAMES, DEFAULT_ACCEPTS, exchangeBytes);
    }

    /** Each field of this one, or of {@code fallback} where this one leaves it unset. */
    public Quotas orElse(Quotas fallback) {
        return new Quotas(threads > 0 ? threads : fallback.threads, channels > 0 ? channels : fallback.channels,
                names > 0 ? names : fallback.names, accepts > 0 ? accepts : fallback.accepts,
                exchangeBytes > 0 ? exchangeBytes : fallback.exchangeBytes);
    }

    /** The smaller of each field. */
    public Quotas atMost(Quotas cap) {
        return new Quotas(Math.min(threads, cap.threads), Math.min(channels, cap.channels), Math.min(names, cap.names),
                Math.min(accepts, cap.accepts), Math.min(exchangeBytes, cap.exchangeBytes));
    }

    /**
     * Reads {@code threads=64 channels=256 names=4 accepts=16 exchange=8m} (any of them, spaces or
     * commas between): how an offer travels from the shell to the process manager.
     */
    public static Quotas parse(String text) {
        int threads = 0, channels = 0, names = 0, accepts = 0;
        long exchange = 0;
        for (String word : text.strip().split("[\\s,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a quota: '" + word + "' (write e.g. threads=64)");
            }
            String key = word.substring(0, eq);
            String value = word.substring(eq + 1);
            switch (key) {
                case "threads" -> threads = count(key, value);
                case "channels" -> channels = count(key, value);
                case "names" -> names = count(key, value);
                case "accepts" -> accepts = count(key, value);
                case "exchange" -> exchange = size(key, value);
                default -> throw new IllegalArgumentException("no quota named '" + key
                        + "' (there are threads, channels, names, accepts and exchange)");
            }
        }
        return new Quotas(threads, channels, names, accepts, exchange);
    }

    /** The fields that are set, as {@link #parse} reads them. */
    public String format() {
        List<String> words = new ArrayList<>();
        if (threads > 0) words.add("threads=" + threads);
        if (channels > 0) words.add("channels=" + channels);
        if (names > 0) words.add("names=" + names);
        if (accepts > 0) words.add("accepts=" + accepts);
        if (exchangeBytes > 0) words.add("exchange=" + exchangeBytes);
        return String.join(" ", words);
    }

    private static int count(String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(key + "=" + value + ": the quota must be a positive number");
    }

    /** Bytes, with an optional k, m or g. */
    public static long size(String key, String value) {
        var m = java.util.regex.Pattern.compile("(\\d{1,12})([kmg]?)").matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(key + "=" + value + ": not a size (write e.g. 64m)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
