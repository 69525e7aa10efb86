import java.util.*;

/** Enum switches, EnumMap, EnumSet, values(), valueOf, constant-specific bodies, enum fields. */
public class Enums {
    enum Planet {
        MERCURY(3.303e+23, 2.4397e6), VENUS(4.869e+24, 6.0518e6), EARTH(5.976e+24, 6.37814e6),
        MARS(6.421e+23, 3.3972e6), JUPITER(1.9e+27, 7.1492e7);

        private final double mass;
        private final double radius;
        Planet(double mass, double radius) { this.mass = mass; this.radius = radius; }
        double surfaceGravity() { return 6.67300E-11 * mass / (radius * radius); }
    }

    enum Op {
        PLUS("+") { int apply(int a, int b) { return a + b; } },
        MINUS("-") { int apply(int a, int b) { return a - b; } },
        TIMES("*") { int apply(int a, int b) { return a * b; } };

        final String symbol;
        Op(String symbol) { this.symbol = symbol; }
        abstract int apply(int a, int b);
    }

    enum Day { MON, TUE, WED, THU, FRI, SAT, SUN;
        boolean weekend() { return this == SAT || this == SUN; }
        Day next() { return values()[(ordinal() + 1) % values().length]; }
    }

    interface Describable { String describe(); }
    enum Level implements Describable {
        LOW, MEDIUM, HIGH;
        public String describe() { return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT); }
    }

    static String kind(Day d) {
        switch (d) {
            case SAT:
            case SUN:
                return "weekend";
            case FRI:
                return "almost weekend";
            default:
                return "workday";
        }
    }

    public static void main(String[] args) {
        for (Planet p : Planet.values()) {
            System.out.printf(Locale.ROOT, "%-8s ordinal=%d gravity=%6.2f%n", p, p.ordinal(), p.surfaceGravity());
        }
        for (Op op : Op.values()) {
            System.out.println("7 " + op.symbol + " 3 = " + op.apply(7, 3) + " (" + op.name() + ", class is anonymous: "
                    + (op.getClass() != Op.class) + ", declaring " + op.getDeclaringClass().getSimpleName() + ")");
        }
        System.out.println("valueOf(WED)=" + Day.valueOf("WED") + " compare " + Day.MON.compareTo(Day.FRI));
        try {
            Day.valueOf("FUNDAY");
        } catch (IllegalArgumentException e) {
            System.out.println("bad day: " + e.getMessage());
        }
        EnumMap<Day, List<String>> schedule = new EnumMap<>(Day.class);
        schedule.put(Day.FRI, List.of("deploy"));
        schedule.put(Day.MON, List.of("standup", "planning"));
        schedule.put(Day.WED, List.of("review"));
        System.out.println("schedule " + schedule);
        EnumSet<Day> weekend = EnumSet.of(Day.SAT, Day.SUN);
        System.out.println("weekend " + weekend + " weekdays " + EnumSet.complementOf(weekend)
                + " range " + EnumSet.range(Day.TUE, Day.THU) + " all " + EnumSet.allOf(Level.class)
                + " none " + EnumSet.noneOf(Day.class));
        for (Day d : Day.values()) {
            String arrow = switch (d) {
                case MON, TUE, WED, THU -> "work";
                case FRI -> { String s = "fri"; yield s + "day"; }
                case SAT, SUN -> "rest";
            };
            System.out.println(d + " " + kind(d) + " " + arrow + " weekend=" + d.weekend() + " next=" + d.next());
        }
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (String s : "HIGH LOW HIGH MEDIUM HIGH LOW".split(" ")) counts.merge(Level.valueOf(s), 1, Integer::sum);
        counts.forEach((level, n) -> System.out.println(level.describe() + " x" + n));
        System.out.println("hash of name is stable: " + Day.MON.name().hashCode());
        System.out.println("Level.class enum=" + Level.class.isEnum() + " constants=" + Arrays.toString(Level.class.getEnumConstants()));
    }
}
