package singj.abi.runtime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP's locales come from the JVM's own set ({@link Locale#getAvailableLocales()}). Every
 * locale the JDK is handed stays in its caches for good (about 15 KiB each, strongly: the Locale
 * and BaseLocale caches, the locale-provider adapters, the formatters' data), so a SIP making
 * locales of its own would leave memory behind after it dies. {@code Locale.of} and
 * {@code Locale.forLanguageTag} therefore return the JVM's own instance of an available locale,
 * and refuse any other with the reason; the constructors and {@code Locale.Builder}, which can
 * make any locale, are refused at install (allowlist.txt).
 */
public final class LocaleCalls {
    private LocaleCalls() {}

    /** The available locales by language, country and variant, and by language tag; read once. */
    private static final class Available {
        static final Map<String, Locale> BY_PARTS = new HashMap<>();
        static final Map<String, Locale> BY_TAG = new HashMap<>();

        static {
            for (Locale locale : Locale.getAvailableLocales()) {
                if (!locale.hasExtensions()) {
                    BY_PARTS.putIfAbsent(parts(locale.getLanguage(), locale.getCountry(), locale.getVariant()), locale);
                }
                BY_TAG.putIfAbsent(locale.toLanguageTag().toLowerCase(Locale.ROOT), locale);
            }
        }
    }

    @StaticOf(Locale.class)
    public static Locale of(String language, SipContext context) {
        return of(language, "", "", context);
    }

    @StaticOf(Locale.class)
    public static Locale of(String language, String country, SipContext context) {
        return of(language, country, "", context);
    }

    @StaticOf(Locale.class)
    public static Locale of(String language, String country, String variant, SipContext context) {
        Locale available = Available.BY_PARTS.get(parts(language, country, variant));
        if (available == null) {
            throw new IllegalArgumentException("locale " + language + (country.isEmpty() ? "" : "_" + country)
                    + (variant.isEmpty() ? "" : "_" + variant) + " is not one of the JVM's available locales; "
                    + "a SIP may use only those (Locale.getAvailableLocales()), since the JDK keeps every locale for good");
        }
        return available;
    }

    @StaticOf(Locale.class)
    public static Locale forLanguageTag(String tag, SipContext context) {
        Locale available = Available.BY_TAG.get(tag.toLowerCase(Locale.ROOT).replace('_', '-'));
        if (available == null) {
            throw new IllegalArgumentException("locale " + tag + " is not one of the JVM's available locales; "
                    + "a SIP may use only those (Locale.getAvailableLocales()), since the JDK keeps every locale for good");
        }
        return available;
    }

    /** What Locale.of makes of these parts, as a key: the language lower case (old ISO codes as Locale renames them), the country upper case. */
    private static String parts(String language, String country, String variant) {
        String lower = language.toLowerCase(Locale.ROOT);
        lower = switch (lower) {
            case "iw" -> "he";
            case "ji" -> "yi";
            case "in" -> "id";
            default -> lower;
        };
        return lower + "_" + country.toUpperCase(Locale.ROOT) + "_" + variant;
    }
}
