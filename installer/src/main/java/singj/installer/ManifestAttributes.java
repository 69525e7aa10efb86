package singj.installer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import singj.kernel.ProgramManifest;
import singj.kernel.ipc.Grants;

/**
 * A program's SingJ manifest: attributes in its jar's {@code META-INF/MANIFEST.MF}, next to
 * {@code Main-Class}. All are optional; names and patterns are separated by spaces or commas.
 *
 * <pre>
 * SingJ-Contracts: demo.Echo                  contract interfaces the program declares
 * SingJ-Registers: /service/echo              names it asks to register (/service/* for a subtree)
 * SingJ-Opens: /service/echo /service/log/*   names it asks to open
 * SingJ-Exchange-Quota: 128m                  the exchange-heap quota it asks for (k, m, g)
 * SingJ-Endpoints: control=demo.Control       endpoints its SIPs get at start (Sip.startEndpoint)
 * SingJ-Devices: disk0                        devices it asks to drive (Sip.device), granted only to
 *                                             the driver the system's policy names
 * SingJ-Reflect: demo.Plugin demo.Config      its classes it reaches only by reflection, with names
 *                                             the installer cannot see: kept whole (Reachability)
 * SingJ-Isolation: process                    a JVM process of its own (or in-process), granted or
 *                                             refused by the kernel's IsolationPolicy
 * </pre>
 *
 * @param contracts binary names of the declared contract interfaces
 * @param grants what it asks to register and open (its starter grants: singj.kernel.Grant)
 * @param exchangeQuota bytes, or 0 for the kernel's default
 * @param endpoints start endpoints: contract binary name by endpoint name
 * @param devices device names ({@code disk0})
 * @param reflected binary names of program classes kept whole for reflection
 * @param isolation the isolation it asks for
 */
record ManifestAttributes(Set<String> contracts, Grants grants, long exchangeQuota, Map<String, String> endpoints,
                          Set<String> devices, Set<String> reflected, ProgramManifest.Isolation isolation) {
    static final String CONTRACTS = "SingJ-Contracts";
    static final String REGISTERS = "SingJ-Registers";
    static final String OPENS = "SingJ-Opens";
    static final String EXCHANGE_QUOTA = "SingJ-Exchange-Quota";
    static final String ENDPOINTS = "SingJ-Endpoints";
    static final String DEVICES = "SingJ-Devices";
    static final String REFLECT = "SingJ-Reflect";
    static final String ISOLATION = "SingJ-Isolation";
    private static final Set<String> KNOWN = Set.of(CONTRACTS, REGISTERS, OPENS, EXCHANGE_QUOTA, ENDPOINTS, DEVICES, REFLECT,
            ISOLATION);
    private static final Pattern DEVICE = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)=([A-Za-z_$][A-Za-z0-9_$.]*)");
    private static final Pattern NAME_PATTERN = Pattern.compile("(/[A-Za-z0-9._-]+)+(/\\*)?|/\\*");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)");

    /** Reads the attributes, adding a violation (rule {@code manifest}) for each one that is wrong. */
    static ManifestAttributes read(Map<String, String> attributes, List<Violation> violations) {
        for (String key : attributes.keySet()) {
            if (KNOWN.stream().noneMatch(key::equalsIgnoreCase)) {
                violations.add(problem("unknown attribute " + key + " (SingJ reads " + String.join(", ", KNOWN.stream().sorted().toList()) + ")"));
            }
        }
        Set<String> contracts = Set.copyOf(list(value(attributes, CONTRACTS)));
        List<String> registers = names(value(attributes, REGISTERS), REGISTERS, violations);
        List<String> opens = names(value(attributes, OPENS), OPENS, violations);
        long quota = 0;
        String size = value(attributes, EXCHANGE_QUOTA);
        if (!size.isBlank()) {
            var m = SIZE.matcher(size.strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                int shift = switch (m.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    default -> 0;
                };
                quota = Long.parseLong(m.group(1)) << shift;
            } else {
                violations.add(problem(EXCHANGE_QUOTA + ": \"" + size + "\" is not a size (write e.g. 64m)"));
            }
        }
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        for (String entry : list(value(attributes, ENDPOINTS))) {
            var m = ENDPOINT.matcher(entry);
            if (!m.matches()) {
                violations.add(problem(ENDPOINTS + ": \"" + entry + "\" is not name=Contract (write e.g. control=demo.Control)"));
            } else if (endpoints.putIfAbsent(m.group(1), m.group(2)) != null) {
                violations.add(problem(ENDPOINTS + ": " + m.group(1) + " is declared twice"));
            }
        }
        Set<String> devices = new java.util.TreeSet<>();
        for (String device : list(value(attributes, DEVICES))) {
            if (DEVICE.matcher(device).matches()) {
                devices.add(device);
            } else {
                violations.add(problem(DEVICES + ": \"" + device + "\" is not a device name (lower-case letters and digits, "
                        + "at most 16, e.g. disk0)"));
            }
        }
        Set<String> reflected = Set.copyOf(list(value(attributes, REFLECT)));
        String asked = value(attributes, ISOLATION).strip();
        ProgramManifest.Isolation isolation = switch (asked) {
            case "" -> ProgramManifest.Isolation.UNSAID;
            case "process" -> ProgramManifest.Isolation.PROCESS;
            case "in-process" -> ProgramManifest.Isolation.IN_PROCESS;
            default -> {
                violations.add(problem(ISOLATION + ": \"" + asked + "\" is not an isolation (write process or in-process)"));
                yield ProgramManifest.Isolation.UNSAID;
            }
        };
        return new ManifestAttributes(contracts, new Grants(registers, opens), quota, endpoints, devices, reflected, isolation);
    }

    private static String value(Map<String, String> attributes, String key) {
        return attributes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> names(String value, String attribute, List<Violation> violations) {
        List<String> names = new ArrayList<>();
        for (String name : list(value)) {
            if (NAME_PATTERN.matcher(name).matches()) {
                names.add(name);
            } else {
                violations.add(problem(attribute + ": \"" + name + "\" is not a name (names look like /service/echo, "
                        + "or /service/* for everything under /service)"));
            }
        }
        return names;
    }

    private static Violation problem(String message) {
        return Violation.ofClass("manifest", "META-INF/MANIFEST.MF", message);
    }
}
