package fuzzprog.modern;

/** What only a recent javac emits: records, sealed interfaces, pattern switches, string concatenation by indy. */
public final class Modern {
    public sealed interface Expr permits Num, Add, Neg {}

    public record Num(int value) implements Expr {}

    public record Add(Expr left, Expr right) implements Expr {}

    public record Neg(Expr inner) implements Expr {}

    public static int eval(Expr e) {
        return switch (e) {
            case Num n -> n.value();
            case Add(Expr l, Expr r) -> eval(l) + eval(r);
            case Neg(Expr inner) -> -eval(inner);
        };
    }

    public static String show(Object o) {
        if (o instanceof String s && !s.isEmpty()) {
            return "string " + s;
        }
        var text = String.valueOf(o);
        return "other " + text;
    }
}
