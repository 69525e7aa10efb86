package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a SIP may register and open. A pattern is a name ({@code /service/echo}) or a subtree
 * ({@code /service/*} covers every name under {@code /service/}).
 *
 * <p>The names under {@value #SYSTEM_PREFIX} (the process manager) are the system's: only grants
 * made with {@code system} set match them, whatever their patterns say, so a user program's grant
 * of {@code /*} or even {@code /kernel/processes} opens none of them. The kernel makes such grants
 * only for system SIPs and for itself.
 *
 * <p>The names under {@value #DEVICE_PREFIX} are the devices' (a disk driver's {@code /dev/disk0}):
 * a subtree pattern covers them only if it lies under {@value #DEVICE_PREFIX} itself, so {@code /*}
 * (what {@code singj run} and the shell offer) never reaches a raw device; a starter that means to
 * give one names it ({@code /dev/disk0}, {@code /dev/*}).
 *
 * @param system whether the names under {@value #SYSTEM_PREFIX} are matched too
 */
public record Grants(List<String> registers, List<String> opens, boolean system) {
    /** Names only system programs are granted. */
    public static final String SYSTEM_PREFIX = "/kernel/";
    /** Names only a pattern under it covers: the devices' services. */
    public static final String DEVICE_PREFIX = "/dev/";
    public static final Grants NONE = new Grants(List.of(), List.of());
    /** For the kernel itself and system SIPs: everything, the system's names and the devices' included. */
    public static final Grants ALL = new Grants(List.of("/*", "/dev/*"), List.of("/*", "/dev/*"), true);
    /** What a starter offers by default: every name but the system's and the devices'. */
    public static final Grants ANY_USER = new Grants(List.of("/*"), List.of("/*"));
    /** The most a user program can be granted: every name but the system's, the devices' too if its starter names them. */
    public static final Grants USER_LIMIT = new Grants(List.of("/*", "/dev/*"), List.of("/*", "/dev/*"));

    public Grants {
        registers = List.copyOf(registers);
        opens = List.copyOf(opens);
    }

    /** A user program's grant: never the system's names. */
    public Grants(List<String> registers, List<String> opens) {
        this(registers, opens, false);
    }

    public boolean mayRegister(String name) {
        return mayUse(name) && matches(registers, name);
    }

    public boolean mayOpen(String name) {
        return mayUse(name) && matches(opens, name);
    }

    private boolean mayUse(String name) {
        return system || !isSystemName(name);
    }

    /** Whether {@code pattern} lies wholly under the system's names: a user program is never granted any of it. */
    public static boolean isSystemName(String pattern) {
        return pattern.startsWith(SYSTEM_PREFIX) || pattern.equals(SYSTEM_PREFIX + "*");
    }

    /**
     * What both grant: each pattern of this one narrowed to what {@code other} covers of it; the
     * system's names only if both are system grants.
     */
    public Grants intersect(Grants other) {
        boolean both = system && other.system;
        return new Grants(meet(registers, other.registers, both), meet(opens, other.opens, both), both);
    }

    /** What either grants (system names only if this one is a system grant). */
    public Grants union(Grants other) {
        List<String> registers = new ArrayList<>(this.registers);
        other.registers.stream().filter(p -> !registers.contains(p)).forEach(registers::add);
        List<String> opens = new ArrayList<>(this.opens);
        other.opens.stream().filter(p -> !opens.contains(p)).forEach(opens::add);
        return new Grants(registers, opens, system);
    }

    /** The names the driver of {@code devices} may register: {@code /dev/NAME} and everything under it. */
    public static Grants driverNames(java.util.Collection<String> devices) {
        List<String> names = new ArrayList<>();
        for (String device : devices) {
            names.add(DEVICE_PREFIX + device);
            names.add(DEVICE_PREFIX + device + "/*");
        }
        return new Grants(names, List.of());
    }

    /** Whether this grant covers the whole of {@code pattern}. */
    public boolean coversRegister(String pattern) {
        return covers(this, registers, pattern);
    }

    public boolean coversOpen(String pattern) {
        return covers(this, opens, pattern);
    }

    private static boolean covers(Grants grants, List<String> patterns, String pattern) {
        if (!grants.system && isSystemName(pattern)) {
            return false;
        }
        return patterns.stream().anyMatch(p -> covers(p, pattern));
    }

    /** The patterns both cover; without the system's names (which would never match) unless {@code system}. */
    private static List<String> meet(List<String> mine, List<String> theirs, boolean system) {
        List<String> both = new ArrayList<>();
        for (String a : mine) {
            for (String b : theirs) {
                String common = covers(b, a) ? a : covers(a, b) ? b : null;
                if (common != null && !both.contains(common) && (system || !isSystemName(common))) {
                    both.add(common);
                }
            }
        }
        return both;
    }

    /** Whether pattern {@code p} covers every name {@code q} (a name or a pattern) covers. */
    private static boolean covers(String p, String q) {
        return p.equals(q) || p.endsWith("/*") && q.startsWith(p.substring(0, p.length() - 1))
                && (!q.startsWith(DEVICE_PREFIX) || p.startsWith(DEVICE_PREFIX));
    }

    static boolean matches(List<String> patterns, String name) {
        for (String pattern : patterns) {
            if (covers(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    /** "registers /service/echo; opens /service/*", for ps and messages. */
    public String describe() {
        String system = this.system ? " (system names too)" : "";
        return "registers " + words(registers) + "; opens " + words(opens) + system;
    }

    private static String words(List<String> patterns) {
        return patterns.isEmpty() ? "nothing" : String.join(" ", patterns);
    }
}
