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
 * <p>A name a system SIP registered is a <em>system service</em> (the file system's {@code /fs},
 * the console's {@code /service/console}; {@link NameServer} marks it at registration). A user
 * grant opens one only if it {@linkplain #services names} it: every grant it was met from lists
 * that very name, not a subtree that covers it. The program's manifest asks for it by name and its
 * starter offers it by name ({@code new Grants(List.of(), List.of("/fs"))}), and a parent's grant
 * names it too. So {@code /*}, what {@code singj run} and the shell offer by default
 * ({@link #ANY_USER}), reaches only names user SIPs registered, whatever the program asks.
 *
 * <p>The names under {@value #DEVICE_PREFIX} are the devices' (a disk driver's {@code /dev/disk0}):
 * a subtree pattern covers them only if it lies under {@value #DEVICE_PREFIX} itself, so {@code /*}
 * never reaches a raw device; a starter that means to give one names it ({@code /dev/disk0},
 * {@code /dev/*}).
 *
 * @param system whether the names under {@value #SYSTEM_PREFIX} are matched too, and every system service
 * @param services the system services it names: the names (not subtrees) in {@code opens} that
 *     every grant it was met from listed as they are
 */
public record Grants(List<String> registers, List<String> opens, boolean system, List<String> services) {
    /** Names only system programs are granted. */
    public static final String SYSTEM_PREFIX = "/kernel/";
    /** Names only a pattern under it covers: the devices' services. */
    public static final String DEVICE_PREFIX = "/dev/";
    public static final Grants NONE = new Grants(List.of(), List.of());
    /** For the kernel itself and system SIPs: everything, the system's names, services and devices included. */
    public static final Grants ALL = new Grants(List.of("/*", "/dev/*"), List.of("/*", "/dev/*"), true);
    /** What a starter offers by default: every name user SIPs register, none of the system's or the devices'. */
    public static final Grants ANY_USER = new Grants(List.of("/*"), List.of("/*"));

    public Grants {
        registers = List.copyOf(registers);
        opens = List.copyOf(opens);
        services = List.copyOf(services);
    }

    /** A grant as a manifest or a starter writes it: it names the system services its opens list by name. */
    public Grants(List<String> registers, List<String> opens, boolean system) {
        this(registers, opens, system, opens.stream().filter(p -> !p.endsWith("/*")).toList());
    }

    /** A user program's grant: never the system's names. */
    public Grants(List<String> registers, List<String> opens) {
        this(registers, opens, false);
    }

    /** The same grant as a user program's: the system's names and services only where it names them. */
    public Grants user() {
        return system ? new Grants(registers, opens, false, services) : this;
    }

    public boolean mayRegister(String name) {
        return mayUse(name) && matches(registers, name);
    }

    /** Whether it may open {@code name}, registered by a user SIP. */
    public boolean mayOpen(String name) {
        return mayUse(name) && matches(opens, name);
    }

    /** Whether it may open {@code name}, a system service: only if it names it (or is a system grant). */
    public boolean mayOpenService(String name) {
        return mayOpen(name) && names(name);
    }

    private boolean names(String service) {
        return system || services.contains(service);
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
     * system's names only if both are system grants; the system services both name.
     */
    public Grants intersect(Grants other) {
        boolean both = system && other.system;
        List<String> opens = meet(this.opens, other.opens, both);
        List<String> services = new ArrayList<>();
        for (String service : union(this.services, other.services)) {
            if (names(service) && other.names(service) && opens.contains(service)) {
                services.add(service);
            }
        }
        return new Grants(meet(registers, other.registers, both), opens, both, services);
    }

    /** What either grants (system names only if this one is a system grant). */
    public Grants union(Grants other) {
        return new Grants(union(registers, other.registers), union(opens, other.opens), system,
                union(services, other.services));
    }

    private static List<String> union(List<String> mine, List<String> theirs) {
        List<String> both = new ArrayList<>(mine);
        theirs.stream().filter(p -> !both.contains(p)).forEach(both::add);
        return both;
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

    /** "registers /service/echo; opens /service/* /fs; system services /fs", for ps and messages. */
    public String describe() {
        String system = this.system ? " (system names too)"
                : services.isEmpty() ? "" : "; system services " + words(services);
        return "registers " + words(registers) + "; opens " + words(opens) + system;
    }

    private static String words(List<String> patterns) {
        return patterns.isEmpty() ? "nothing" : String.join(" ", patterns);
    }
}
