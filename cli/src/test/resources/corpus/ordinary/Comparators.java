import java.util.*;

/** Comparable and Comparator chains: thenComparing, reversed, nullsFirst/Last, stable sorts. */
public class Comparators {
    static final class Version implements Comparable<Version> {
        final int major, minor, patch;
        Version(String s) {
            String[] p = s.split("\\.");
            major = Integer.parseInt(p[0]);
            minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            patch = p.length > 2 ? Integer.parseInt(p[2]) : 0;
        }
        @Override public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            if (c != 0) return c;
            c = Integer.compare(minor, o.minor);
            return c != 0 ? c : Integer.compare(patch, o.patch);
        }
        @Override public boolean equals(Object o) { return o instanceof Version v && compareTo(v) == 0; }
        @Override public int hashCode() { return Objects.hash(major, minor, patch); }
        @Override public String toString() { return major + "." + minor + "." + patch; }
    }

    record Student(String name, int grade, double score, String city) {}

    public static void main(String[] args) {
        List<Version> versions = new ArrayList<>();
        for (String s : "1.10.0 1.2 1.2.10 0.9.9 1.2.9 2.0 1.10".split(" ")) versions.add(new Version(s));
        Collections.sort(versions);
        System.out.println("versions " + versions + " max " + Collections.max(versions) + " hash " + new Version("1.2.3").hashCode());
        System.out.println("as a TreeSet (equal versions merge) " + new TreeSet<>(versions));

        List<Student> students = List.of(
                new Student("Zoe", 10, 88.5, "Oslo"), new Student("Adam", 11, 92.0, null),
                new Student("Maya", 10, 92.0, "Bergen"), new Student("Liam", 12, 75.25, "Oslo"),
                new Student("Emma", 11, 88.5, "Bergen"), new Student("Noah", 10, 60.0, null),
                new Student("Olivia", 12, 99.0, "Trondheim"), new Student("Ada", 11, 92.0, "Oslo"));
        print("by name", students, Comparator.comparing(Student::name));
        print("by grade then name", students, Comparator.comparingInt(Student::grade).thenComparing(Student::name));
        print("by score desc then name", students, Comparator.comparingDouble(Student::score).reversed().thenComparing(Student::name));
        print("by city nullsFirst then score", students, Comparator.comparing(Student::city, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingDouble(Student::score));
        print("by city nullsLast reversed", students, Comparator.comparing(Student::city, Comparator.nullsLast(Comparator.<String>reverseOrder()))
                .thenComparing(Student::name, Comparator.reverseOrder()));
        print("by name length then natural", students, Comparator.comparingInt((Student s) -> s.name().length()).thenComparing(Student::name));
        List<Student> stable = new ArrayList<>(students);
        stable.sort(Comparator.comparingInt(Student::grade));
        System.out.println("stable sort keeps input order within a grade:");
        for (Student s : stable) System.out.println("  " + s.grade() + " " + s.name());
        List<String> words = new ArrayList<>(List.of("banana", "Apple", "cherry", "apple", "Banana", "date"));
        words.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        System.out.println("case-insensitive then natural " + words);
        words.sort(Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder()));
        System.out.println("length then reverse " + words);
        System.out.println("min/max " + Collections.min(words, Comparator.comparing(String::length)) + " "
                + Collections.max(words, Comparator.comparing(String::length)));
        Comparator<int[]> lexicographic = (a, b) -> Arrays.compare(a, b);
        List<int[]> arrays = new ArrayList<>(List.of(new int[]{2, 1}, new int[]{1, 5, 0}, new int[]{1, 5}, new int[]{0}));
        arrays.sort(lexicographic);
        StringBuilder sb = new StringBuilder();
        for (int[] a : arrays) sb.append(Arrays.toString(a));
        System.out.println("arrays " + sb);
        System.out.println("Comparator.compare signs " + Integer.signum(Comparator.<Integer>naturalOrder().compare(3, 7))
                + " " + Boolean.compare(true, false) + " " + Character.compare('b', 'a') + " " + "b".compareTo("abc"));
    }

    static void print(String title, List<Student> students, Comparator<Student> order) {
        List<Student> copy = new ArrayList<>(students);
        copy.sort(order);
        StringBuilder sb = new StringBuilder(title).append(':');
        for (Student s : copy) sb.append(' ').append(s.name());
        System.out.println(sb);
    }
}
