package singj.installer.surface;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reviewed facts the analysis cannot derive, kept as data ({@code reviewed.txt}), one a line
 * with its reason: what each native method of the JDK is ({@code native PATTERN SINK|pure
 * REASON}), and the internal calls not followed because a redirect or the kernel makes them
 * unreachable for a SIP ({@code cut CALLER-PATTERN -> CALLEE-PATTERN REASON}). The first
 * matching line decides. A {@code trust METHOD REASON} line says that the sinks a method reaches
 * in its own code are reviewed and safe (its callees are still followed). A pattern is a method ({@code java/lang/Object.getClass()Ljava/lang/Class;}),
 * a method name in a class ({@code java/lang/Object.getClass}), a class ({@code java/lang/Math}),
 * a package ({@code java/io/*}) or a package tree ({@code java/io/**}).
 */
final class Reviewed {
    record NativeRule(String pattern, Optional<Sink> sink, String reason) {}

    record Cut(String caller, String callee, String reason) {}

    record Trust(String method, String reason) {}

    private final List<NativeRule> natives = new ArrayList<>();
    private final List<Cut> cuts = new ArrayList<>();
    private final List<Trust> trusted = new ArrayList<>();

    static Reviewed standard() {
        try (InputStream in = Reviewed.class.getResourceAsStream("reviewed.txt")) {
            if (in == null) {
                throw new IllegalStateException("reviewed.txt is missing from the installer");
            }
            return parse(in, "reviewed.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reviewed parse(InputStream in, String source) throws IOException {
        Reviewed reviewed = new Reviewed();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] words = text.split("\\s+", 5);
            String where = source + ":" + number + ": ";
            switch (words[0]) {
                case "native" -> {
                    if (words.length < 4) {
                        throw new IllegalArgumentException(where + "expected 'native PATTERN SINK|pure REASON'");
                    }
                    Optional<Sink> sink = words[2].equals("pure") ? Optional.empty()
                            : Optional.of(Sink.valueOf(words[2].toUpperCase(Locale.ROOT).replace('-', '_')));
                    reviewed.natives.add(new NativeRule(words[1], sink, text.split("\\s+", 4)[3]));
                }
                case "cut" -> {
                    if (words.length < 5 || !words[2].equals("->")) {
                        throw new IllegalArgumentException(where + "expected 'cut CALLER -> CALLEE REASON'");
                    }
                    reviewed.cuts.add(new Cut(words[1], words[3], words[4]));
                }
                case "trust" -> {
                    if (words.length < 3) {
                        throw new IllegalArgumentException(where + "expected 'trust METHOD REASON'");
                    }
                    reviewed.trusted.add(new Trust(words[1], text.split("\\s+", 3)[2]));
                }
                default -> throw new IllegalArgumentException(where + "expected 'native', 'cut' or 'trust', not " + words[0]);
            }
        }
        return reviewed;
    }

    /** What the native method {@code key} ({@code owner.name+descriptor}) is; unreviewed natives are sinks. */
    NativeRule nativeRule(String key) {
        for (NativeRule rule : natives) {
            if (matches(rule.pattern(), key)) {
                return rule;
            }
        }
        return new NativeRule(key, Optional.of(Sink.NATIVE), "not reviewed");
    }

    /** The cut that stops the analysis following {@code caller} into {@code callee}, if any. */
    Optional<Cut> cut(String caller, String callee) {
        for (Cut cut : cuts) {
            if (matches(cut.caller(), caller) && matches(cut.callee(), callee)) {
                return Optional.of(cut);
            }
        }
        return Optional.empty();
    }

    /** Whether the sinks in {@code key}'s own code are reviewed as safe. */
    boolean trusted(String key) {
        return trusted.stream().anyMatch(t -> matches(t.method(), key));
    }

    /** Whether {@code pattern} matches the method {@code key} ({@code owner.name+descriptor}). */
    static boolean matches(String pattern, String key) {
        int dot = key.indexOf('.');
        String owner = key.substring(0, dot);
        if (pattern.equals("**")) {
            return true;
        }
        if (pattern.endsWith("/**")) {
            return owner.startsWith(pattern.substring(0, pattern.length() - 2));
        }
        if (pattern.endsWith("/*")) {
            String pkg = pattern.substring(0, pattern.length() - 1);
            return owner.startsWith(pkg) && owner.indexOf('/', pkg.length()) < 0;
        }
        if (pattern.contains(".")) {
            return pattern.contains("(") ? key.equals(pattern) : key.startsWith(pattern + "(");
        }
        return owner.equals(pattern) || owner.startsWith(pattern + "$");
    }
}
