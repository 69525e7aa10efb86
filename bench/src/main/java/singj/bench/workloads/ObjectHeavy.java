package singj.bench.workloads;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Object-heavy workloads for {@code ObjectHeavyTax}: ordinary Java that allocates on every step,
 * much of it short-lived, where the JIT's escape analysis and inlining decide the speed (as in
 * the Are-We-Fast-Yet object benchmarks). Called as they are and sealed inside a running SIP.
 * Each returns a value that depends on all of its work.
 */
public final class ObjectHeavy {
    private ObjectHeavy() {}

    /** As a program, it only has to stay alive while the benchmark calls into its SIP. */
    public static void main(String[] args) {
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (IOException closed) {
            // input closed: the end as well
        }
    }

    // ---- trees: binary trees built and walked (GC-bound, as in the benchmarks game) --------------

    static final class Tree {
        final Tree left;
        final Tree right;

        Tree(Tree left, Tree right) {
            this.left = left;
            this.right = right;
        }

        int check() {
            return left == null ? 1 : 1 + left.check() + right.check();
        }
    }

    private static Tree build(int depth) {
        return depth == 0 ? new Tree(null, null) : new Tree(build(depth - 1), build(depth - 1));
    }

    /** Builds {@code rounds} trees of depth {@code depth} and checks each. */
    public static long trees(int depth, int rounds) {
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            sum += build(depth).check();
        }
        return sum;
    }

    // ---- records and a sealed hierarchy, evaluated by pattern matching and a visitor ------------

    sealed interface Expr permits Num, Add, Mul, Neg {}

    record Num(double value) implements Expr {}

    record Add(Expr left, Expr right) implements Expr {}

    record Mul(Expr left, Expr right) implements Expr {}

    record Neg(Expr operand) implements Expr {}

    record Vec(double x, double y) {
        Vec plus(Vec o) {
            return new Vec(x + o.x, y + o.y);
        }

        Vec times(double k) {
            return new Vec(x * k, y * k);
        }
    }

    private static double eval(Expr e) {
        return switch (e) {
            case Num n -> n.value();
            case Add(Expr l, Expr r) -> eval(l) + eval(r);
            case Mul(Expr l, Expr r) -> eval(l) * eval(r);
            case Neg(Expr o) -> -eval(o);
        };
    }

    private static Expr simplify(Expr e) {
        return switch (e) {
            case Add(Num(double a), Num(double b)) -> new Num(a + b);
            case Mul(Num(double a), Expr r) when a == 1 -> simplify(r);
            case Add(Expr l, Expr r) -> new Add(simplify(l), simplify(r));
            case Mul(Expr l, Expr r) -> new Mul(simplify(l), simplify(r));
            case Neg(Neg(Expr o)) -> simplify(o);
            case Neg(Expr o) -> new Neg(simplify(o));
            case Num n -> n;
        };
    }

    /**
     * Builds small expressions, simplifies and evaluates them, and moves a point by short-lived
     * vectors (each {@code Vec} is a candidate for scalar replacement).
     */
    public static double records(int count) {
        double sum = 0;
        Vec position = new Vec(0, 0);
        for (int i = 0; i < count; i++) {
            Expr e = new Add(new Mul(new Num(1), new Num(i)), new Neg(new Neg(new Add(new Num(0.5), new Num(i & 7)))));
            sum += eval(simplify(e));
            position = position.plus(new Vec(i & 3, i & 5).times(0.5));
        }
        return sum + position.x() + position.y();
    }

    // ---- short-lived collections ------------------------------------------------------------

    /** Small lists and maps made, filled, read and dropped, {@code count} times. */
    public static long collections(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            List<Integer> list = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                list.add(i + j);
            }
            Map<String, Integer> map = new HashMap<>();
            map.put("a", list.get(1));
            map.put("b", list.get(7));
            for (int v : list) {
                sum += v;
            }
            sum += map.get("a") - map.get("b");
        }
        return sum;
    }

    // ---- string building ---------------------------------------------------------------------

    /** Builds {@code count} short strings with a StringBuilder and by concatenation. */
    public static long strings(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            b.append("item-").append(i).append('/').append(i * 7L);
            String s = b.toString();
            String t = s + ":" + (i & 15);
            sum += t.length() + t.charAt(t.length() - 1);
        }
        return sum;
    }

    // ---- a tiny interpreter -------------------------------------------------------------------

    sealed interface Node permits Const, Var, Bin, Assign, While, Seq {}

    record Const(long value) implements Node {}

    record Var(int slot) implements Node {}

    record Bin(char op, Node left, Node right) implements Node {}

    record Assign(int slot, Node value) implements Node {}

    record While(Node condition, Node body) implements Node {}

    record Seq(List<Node> nodes) implements Node {}

    /** A boxed value, as a dynamic language's interpreter makes one per result. */
    record Value(long v) {}

    private static Value run(Node node, Value[] env) {
        return switch (node) {
            case Const c -> new Value(c.value());
            case Var v -> env[v.slot()];
            case Bin(char op, Node l, Node r) -> {
                long a = run(l, env).v();
                long b = run(r, env).v();
                yield new Value(switch (op) {
                    case '+' -> a + b;
                    case '-' -> a - b;
                    case '*' -> a * b;
                    case '%' -> a % b;
                    default -> a < b ? 1 : 0;
                });
            }
            case Assign(int slot, Node value) -> env[slot] = run(value, env);
            case While(Node condition, Node body) -> {
                while (run(condition, env).v() != 0) {
                    run(body, env);
                }
                yield new Value(0);
            }
            case Seq(List<Node> nodes) -> {
                Value last = new Value(0);
                for (Node n : nodes) {
                    last = run(n, env);
                }
                yield last;
            }
        };
    }

    /** Interprets {@code i = 0; s = 0; while (i < n) { s = s + (i * i) % 7; i = i + 1 }; s}. */
    public static long interpreter(int n) {
        Node program = new Seq(List.of(
                new Assign(0, new Const(0)),
                new Assign(1, new Const(0)),
                new While(new Bin('<', new Var(0), new Const(n)), new Seq(List.of(
                        new Assign(1, new Bin('+', new Var(1), new Bin('%', new Bin('*', new Var(0), new Var(0)), new Const(7)))),
                        new Assign(0, new Bin('+', new Var(0), new Const(1)))))),
                new Var(1)));
        return run(program, new Value[2]).v();
    }
}
