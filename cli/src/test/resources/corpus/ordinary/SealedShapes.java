import java.util.*;

/** Sealed interfaces with records, exhaustive pattern switches, record patterns and guards. */
public class SealedShapes {
    sealed interface Shape permits Circle, Rect, Triangle, Group {}
    record Circle(double radius) implements Shape {}
    record Rect(double width, double height) implements Shape {}
    record Triangle(double a, double b, double c) implements Shape {}
    record Group(String name, List<Shape> members) implements Shape {}

    sealed interface Expr {}
    record Num(int value) implements Expr {}
    record Add(Expr left, Expr right) implements Expr {}
    record Mul(Expr left, Expr right) implements Expr {}
    record Neg(Expr operand) implements Expr {}

    static double area(Shape shape) {
        return switch (shape) {
            case Circle c -> Math.PI * c.radius() * c.radius();
            case Rect(double w, double h) -> w * h;
            case Triangle(double a, double b, double c) -> {
                double s = (a + b + c) / 2;
                yield Math.sqrt(s * (s - a) * (s - b) * (s - c));
            }
            case Group g -> g.members().stream().mapToDouble(SealedShapes::area).sum();
        };
    }

    static String describe(Shape shape) {
        return switch (shape) {
            case Rect(double w, double h) when w == h -> "square of side " + w;
            case Rect r -> "rectangle " + r.width() + "x" + r.height();
            case Circle(double r) when r == 0 -> "a point";
            case Circle c -> "circle r=" + c.radius();
            case Triangle t -> "triangle";
            case Group(String name, List<Shape> members) when members.isEmpty() -> "empty group " + name;
            case Group(String name, List<Shape> members) -> "group " + name + " of " + members.size();
        };
    }

    static int eval(Expr e) {
        return switch (e) {
            case Num(int v) -> v;
            case Add(Expr l, Expr r) -> eval(l) + eval(r);
            case Mul(Num(int v), Expr r) when v == 0 -> 0;
            case Mul(Expr l, Expr r) -> eval(l) * eval(r);
            case Neg(Neg(Expr inner)) -> eval(inner);
            case Neg(Expr inner) -> -eval(inner);
        };
    }

    static String show(Expr e) {
        return switch (e) {
            case Num n -> Integer.toString(n.value());
            case Add a -> "(" + show(a.left()) + " + " + show(a.right()) + ")";
            case Mul m -> show(m.left()) + " * " + show(m.right());
            case Neg(var inner) -> "-" + show(inner);
        };
    }

    static Expr simplify(Expr e) {
        return switch (e) {
            case Add(Num(int a), Num(int b)) -> new Num(a + b);
            case Add(var l, Num(int zero)) when zero == 0 -> simplify(l);
            case Add(var l, var r) -> new Add(simplify(l), simplify(r));
            case Mul(var l, Num(int one)) when one == 1 -> simplify(l);
            case Mul(var l, var r) -> new Mul(simplify(l), simplify(r));
            case Neg(Num(int v)) -> new Num(-v);
            default -> e;
        };
    }

    public static void main(String[] args) {
        List<Shape> shapes = List.of(new Circle(1), new Rect(2, 3), new Rect(4, 4), new Triangle(3, 4, 5),
                new Circle(0), new Group("empty", List.of()),
                new Group("pair", List.of(new Rect(1, 1), new Circle(2))));
        for (Shape s : shapes) {
            System.out.printf(Locale.ROOT, "%-28s area=%10.4f  %s%n", describe(s), area(s), s);
        }
        List<Expr> exprs = List.of(new Num(7), new Add(new Num(2), new Num(3)),
                new Mul(new Add(new Num(1), new Num(2)), new Neg(new Num(4))),
                new Mul(new Num(0), new Add(new Num(100), new Num(1))),
                new Neg(new Neg(new Num(9))), new Add(new Mul(new Num(5), new Num(1)), new Num(0)));
        for (Expr e : exprs) {
            Expr simple = simplify(e);
            System.out.println(show(e) + " = " + eval(e) + "   simplified: " + show(simple) + " = " + eval(simple));
        }
        System.out.println("permitted subclass check: " + (shapes.get(0) instanceof Circle c && c.radius() == 1));
    }
}
