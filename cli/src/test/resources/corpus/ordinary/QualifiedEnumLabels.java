import java.io.PrintStream;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What javac turns into nested constants: qualified enum constants as labels of pattern switches
 * (dynamic constants calling EnumDesc.of and ClassDesc.of), beside records, record patterns,
 * string and enum switches and method references to members SingJ redirects. The annotation's
 * enum value names a class whose initialiser would print: annotations are inert, so it never does.
 */
@QualifiedEnumLabels.Tagged(QualifiedEnumLabels.Loud.NEVER)
public class QualifiedEnumLabels {
    @Retention(RetentionPolicy.RUNTIME)
    @interface Tagged {
        Loud value();
    }

    enum Loud {
        NEVER;

        static {
            System.out.println("Loud was initialised");
        }
    }

    sealed interface Token permits Keyword, Symbol, Word, Number {}
    enum Keyword implements Token { IF, ELSE, WHILE }
    enum Symbol implements Token { PLUS, MINUS, STAR }
    record Word(String text) implements Token {}
    record Number(int value) implements Token {}
    record Pair(Token first, Token second) {}

    enum Planet { MERCURY, VENUS, EARTH }

    static String classify(Token token) {
        return switch (token) {
            case Keyword.IF -> "if";
            case Keyword.ELSE, Keyword.WHILE -> "other keyword " + token;
            case Symbol.PLUS -> "+";
            case Symbol s when s.ordinal() > 1 -> "late symbol " + s;
            case Symbol s -> "symbol " + s;
            case Word(String text) when text.isEmpty() -> "empty word";
            case Word(var text) -> "word " + text;
            case Number(int value) -> "number " + value;
        };
    }

    static String pair(Object o) {
        return switch (o) {
            case Pair(Keyword k, Word(String text)) -> k + " then " + text;
            case Pair(Symbol s, var second) when s == Symbol.MINUS -> "minus then " + classify(second);
            case Pair(var first, var second) -> classify(first) + " / " + classify(second);
            case Planet.EARTH -> "home";
            case Planet p -> "planet " + p.name().toLowerCase();
            case String s -> "string of " + s.length();
            case null -> "nothing";
            default -> "something else";
        };
    }

    static int planetSwitch(Planet planet) {
        return switch (planet) {
            case MERCURY -> 1;
            case Planet p when p == Planet.VENUS -> 2;
            default -> 3;
        };
    }

    static int oldStyle(Planet planet) {
        switch (planet) {
            case MERCURY:
                return 10;
            case VENUS:
                return 20;
            default:
                return 30;
        }
    }

    static String words(String word) {
        return switch (word) {
            case "one", "uno" -> "1";
            case "two" -> "2";
            default -> "?";
        };
    }

    public static void main(String[] args) {
        List<Token> tokens = List.of(Keyword.IF, Keyword.WHILE, Symbol.PLUS, Symbol.MINUS, Symbol.STAR,
                new Word(""), new Word("sip"), new Number(42));
        tokens.stream().map(QualifiedEnumLabels::classify).forEach(System.out::println);

        for (Object o : new Object[] {new Pair(Keyword.ELSE, new Word("x")), new Pair(Symbol.MINUS, new Number(7)),
                new Pair(new Number(1), Symbol.STAR), Planet.EARTH, Planet.VENUS, "four", null, 3.5}) {
            System.out.println(pair(o));
        }
        for (Planet planet : Planet.values()) {
            System.out.println(planet + " " + planetSwitch(planet) + " " + oldStyle(planet));
        }
        System.out.println(words("uno") + words("two") + words("three"));

        // method references and lambdas around redirected members
        BiFunction<String, String, String> property = System::getProperty;
        System.out.println("property: " + property.apply("singj.no.such.property", "the default"));
        Supplier<PrintStream> out = () -> System.out;
        out.get().println("through a supplier of System.out");
        Consumer<Throwable> trace = Throwable::printStackTrace;
        trace.accept(new IllegalStateException("printed by a method reference"));
        System.out.println(new Pair(Keyword.IF, new Word("record")));

        IntConsumer exit = System::exit;
        exit.accept(3);
        System.out.println("never printed");
    }
}
