package singj.kernel.ipc;

import java.util.List;

/**
 * The names a program's manifest lets its SIPs register and open. A pattern is a name
 * ({@code /service/echo}) or a subtree ({@code /service/*} covers every name under {@code /service/}).
 */
public record Grants(List<String> registers, List<String> opens) {
    public static final Grants NONE = new Grants(List.of(), List.of());
    /** For system SIPs and tests: everything. */
    public static final Grants ALL = new Grants(List.of("/*"), List.of("/*"));

    public Grants {
        registers = List.copyOf(registers);
        opens = List.copyOf(opens);
    }

    public boolean mayRegister(String name) {
        return matches(registers, name);
    }

    public boolean mayOpen(String name) {
        return matches(opens, name);
    }

    static boolean matches(List<String> patterns, String name) {
        for (String pattern : patterns) {
            if (pattern.endsWith("/*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
