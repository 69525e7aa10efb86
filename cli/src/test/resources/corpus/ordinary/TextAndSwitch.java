import java.util.*;

/** String switch (old and new forms), text blocks, string methods. */
public class TextAndSwitch {
    static final String POEM = """
            Roses are red,
              violets are blue;
            text blocks keep \
            lines together,
            and "quotes" too.\tTabbed.
            """;

    static int command(String c) {
        switch (c) {
            case "start": return 1;
            case "stop": return 2;
            case "Aa": return 3;   // "Aa" and "BB" share a hash code
            case "BB": return 4;
            default: return -1;
        }
    }

    static String greet(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "en", "english" -> "hello";
            case "fr" -> "bonjour";
            case "de" -> "hallo";
            case "" -> "(nothing)";
            default -> {
                String s = "?" + language;
                yield s;
            }
        };
    }

    public static void main(String[] args) {
        System.out.print(POEM);
        System.out.println("lines=" + POEM.lines().count() + " length=" + POEM.length());
        String json = """
            {
              "name": "singj",
              "tags": ["os", "jvm"]
            }""";
        System.out.println(json);
        System.out.println("stripIndent/strip: [" + "   padded  ".strip() + "][" + "  lead".stripLeading() + "]["
                + "trail  ".stripTrailing() + "]");
        for (String c : List.of("start", "stop", "Aa", "BB", "other")) {
            System.out.println(c + " -> " + command(c) + " (hash " + c.hashCode() + ")");
        }
        for (String l : List.of("EN", "english", "fr", "De", "", "xx")) {
            System.out.println("'" + l + "' -> " + greet(l));
        }
        String s = "Hello, Sealed World";
        System.out.println(s.toUpperCase(Locale.ROOT) + " " + s.toLowerCase(Locale.ROOT) + " " + s.replace('l', 'L'));
        System.out.println(s.substring(7) + "|" + s.indexOf("World") + "|" + s.lastIndexOf('l') + "|" + s.charAt(4));
        System.out.println(String.join("-", s.split("[ ,]+")) + " " + "ab".repeat(4) + " " + "  ".isBlank());
        System.out.println("compare " + "apple".compareTo("banana") + " " + "b".compareToIgnoreCase("B")
                + " equalsIgnoreCase " + "SingJ".equalsIgnoreCase("singj"));
        System.out.println("chars " + s.chars().filter(Character::isUpperCase).count() + " reversed "
                + new StringBuilder(s).reverse());
        System.out.println("formatted: " + "%s has %d chars".formatted(s, s.length()));
        System.out.println("translateEscapes " + "a\\tb".translateEscapes().contains("\t") + " indent:\n" + "x\ny".indent(3));
        System.out.println("valueOf " + String.valueOf(3.0f) + String.valueOf(true) + String.valueOf(new char[]{'o', 'k'}));
        StringBuilder sb = new StringBuilder("0123456789");
        sb.insert(5, "-mid-").delete(0, 2).deleteCharAt(sb.length() - 1).setCharAt(0, 'X');
        sb.append(3.5).append('c').append(true).append(new char[]{'!', '?'}).replace(1, 3, "RE");
        System.out.println(sb + " len=" + sb.length() + " indexOf(mid)=" + sb.indexOf("mid"));
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < 10; i++) chain.append(i).append(i < 9 ? "," : "\n");
        System.out.print(chain);
        System.out.println("unicode " + "naïve café".length() + " " + "naïve café".toUpperCase(Locale.ROOT)
                + " codePoints " + "😀x".codePointCount(0, "😀x".length()));
    }
}
