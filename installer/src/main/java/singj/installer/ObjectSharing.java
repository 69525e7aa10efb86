package singj.installer;

import java.util.Set;
import java.util.stream.Collectors;
import singj.abi.runtime.SharedObjects;
import singj.installer.verify.IdentitySite;

/**
 * Whether the object of an identity operation can be held by other SIPs too, judged from the type
 * the verifier inferred for it. Three answers:
 * <ul>
 * <li>{@link Sharing#SHARED}: every object of the type may be shared. Strings (literals are
 *     interned), {@code Class} objects (but a program's own class literal: its loader is the SIP's),
 *     the boxes the JDK caches, the JDK's enum constants. The run-time check would always throw.</li>
 * <li>{@link Sharing#PRIVATE}: no object of the type can be shared. Instances of the program's own
 *     classes, which only this SIP's loader defines and only this SIP creates, and arrays, which a
 *     SIP gets only from its own allocations. The run-time check would never throw.</li>
 * <li>{@link Sharing#UNKNOWN}: the type is too general to tell ({@code Object}, interfaces, the
 *     JDK's other classes, behind which a shared object may hide) or is a contract class, whose
 *     messages cross between SIPs. The run-time check decides.</li>
 * </ul>
 */
final class ObjectSharing {
    enum Sharing { SHARED, PRIVATE, UNKNOWN }

    /** The answer for one site; {@code reason} says why, for a person, when the object is shared. */
    record Verdict(Sharing sharing, String reason) {}

    private static final Verdict PRIVATE = new Verdict(Sharing.PRIVATE, "");
    private static final Verdict UNKNOWN = new Verdict(Sharing.UNKNOWN, "");
    private static final String CLASS = "java/lang/Class";
    private static final String STRING = "java/lang/String";
    private static final String ENUM = "java/lang/Enum";
    /** The types SIPCalls.checkMonitor always refuses: strings, Class objects, boxes. */
    private static final Set<String> ALWAYS_SHARED = SharedObjects.ALWAYS_SHARED.stream()
            .map(type -> type.getName().replace('.', '/'))
            .collect(Collectors.toUnmodifiableSet());

    private final ClassHierarchy hierarchy;
    /** Contract classes, by binary name: loaded once for the whole kernel. */
    private final Set<String> contractClasses;

    ObjectSharing(ClassHierarchy hierarchy, Set<String> contractClasses) {
        this.hierarchy = hierarchy;
        this.contractClasses = contractClasses;
    }

    Verdict of(IdentitySite site) {
        String type = site.operandType();
        if (type == null || type.startsWith("[")) {
            return PRIVATE; // always null (the operation throws anyway), or an array of the SIP's own
        }
        if (type.equals(CLASS)) {
            return classObject(site.classConstant());
        }
        if (type.equals(STRING)) {
            return shared("strings may be interned, and every string literal is, so other SIPs can hold the same one");
        }
        if (ALWAYS_SHARED.contains(type)) {
            return shared("boxed values may come from the JDK's cache (Integer.valueOf, autoboxing), "
                    + "which every SIP shares");
        }
        if (hierarchy.isProgramClass(type)) {
            boolean interfaceType = hierarchy.info(type).map(ClassHierarchy.Info::isInterface).orElse(true);
            return interfaceType || contractClasses.contains(binary(type)) ? UNKNOWN : PRIVATE;
        }
        if (!type.equals(ENUM) && hierarchy.isSubtype(type, ENUM)) {
            return shared("the JDK's enum constants exist once in the JVM, and every SIP can reach them");
        }
        return UNKNOWN;
    }

    /** A Class object: the program's own class literals are the SIP's; any other may be shared. */
    private Verdict classObject(String constant) {
        if (constant == null) {
            return shared("a Class object may be one of the JDK's or a contract's, which every SIP shares "
                    + "(only the program's own class literals are the SIP's own)");
        }
        if (hierarchy.isProgramClass(constant) && !contractClasses.contains(binary(constant))) {
            return PRIVATE; // defined by this SIP's own loader
        }
        return shared(hierarchy.isProgramClass(constant)
                ? "a contract class is loaded once for every SIP, so its Class object is shared"
                : "the JDK's Class objects are shared by every SIP");
    }

    private static Verdict shared(String reason) {
        return new Verdict(Sharing.SHARED, reason);
    }

    /** How a message names the object: "a java.lang.String", "java.lang.String.class". */
    static String describeObject(IdentitySite site) {
        if (site.operandType().equals(CLASS) && site.classConstant() != null) {
            return binary(site.classConstant()) + ".class";
        }
        return "a " + binary(site.operandType());
    }

    private static String binary(String internalName) {
        return internalName.replace('/', '.');
    }
}
