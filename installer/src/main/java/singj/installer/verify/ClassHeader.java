package singj.installer.verify;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import singj.installer.Violation;

/**
 * The checks the JVM makes of a class's supertypes when it loads the class (JVMS 5.3.5 and 5.4.4,
 * and HotSpot's sealed and final-method checks), which no instruction shows and the type checks
 * never make: a class that fails one cannot be loaded, so it must not install. Each is refused
 * with rule {@code class-header} and, in the message, the error the JVM would throw.
 *
 * <p>A cycle comes first, alone: the other checks (and the type checks after them) walk up the
 * hierarchy, and the hierarchy does not show a class that reaches a cycle ({@link TypeHierarchy}).
 */
final class ClassHeader {
    private final ClassModel model;
    /** The class file's format, checked: its methods and constant pool, read once. */
    private final ClassFormat.Result format;
    private final TypeHierarchy hierarchy;
    private final String name;
    private final String binaryName;
    private final List<Violation> violations = new ArrayList<>();

    private ClassHeader(ClassModel model, ClassFormat.Result format, TypeHierarchy hierarchy) {
        this.model = model;
        this.format = format;
        this.hierarchy = hierarchy;
        this.name = model.thisClass().asInternalName();
        this.binaryName = binary(name);
    }

    /** What is wrong with the supertypes of {@code model}, whose sound {@code format} was checked; empty when nothing is. */
    static List<Violation> problems(ClassModel model, ClassFormat.Result format, TypeHierarchy hierarchy) {
        ClassHeader header = new ClassHeader(model, format, hierarchy);
        header.check();
        return header.violations;
    }

    private void check() {
        List<String> cycle = hierarchy.cycle(name);
        if (!cycle.isEmpty()) {
            int at = cycle.indexOf(name);
            if (at > 0) { // the cycle as seen from this class: from it, round to it
                cycle = new ArrayList<>(cycle.subList(at, cycle.size() - 1));
                cycle.addAll(hierarchy.cycle(name).subList(0, at + 1));
            }
            String path = cycle.stream().map(ClassHeader::binary).collect(Collectors.joining(" -> "));
            refuse(at >= 0 ? binaryName + " is its own supertype: " + path
                    : "its supertype " + binary(cycle.getFirst()) + " is its own supertype: " + path, "ClassCircularityError");
            return;
        }
        boolean isInterface = model.flags().has(AccessFlag.INTERFACE);
        model.superclass().map(ClassEntry::asInternalName).flatMap(hierarchy::header).ifPresent(superclass -> {
            if (superclass.isInterface()) {
                refuse("its superclass " + binary(superclass.name()) + " is an interface", "IncompatibleClassChangeError");
            } else if (superclass.isFinal()) {
                refuse("its superclass " + binary(superclass.name()) + " is final", "IncompatibleClassChangeError");
            }
            checkAccessAndSealing(superclass, "superclass");
        });
        for (ClassEntry entry : model.interfaces()) {
            hierarchy.header(entry.asInternalName()).ifPresent(superinterface -> {
                if (!superinterface.isInterface()) {
                    refuse((isInterface ? "it extends " : "it implements ") + binary(superinterface.name())
                            + ", which is a class, not an interface", "IncompatibleClassChangeError");
                }
                checkAccessAndSealing(superinterface, "superinterface");
            });
        }
        // remembered per class by the hierarchy: a long chain of classes must not be walked once per class
        InheritedFinals inherited = model.superclass().map(ClassEntry::asInternalName).map(hierarchy::finals)
                .orElse(InheritedFinals.NONE);
        for (ClassFormat.Method method : format.methods()) {
            checkOverride(method, inherited);
        }
    }

    private void checkAccessAndSealing(TypeHierarchy.Header supertype, String role) {
        String what = "its " + role + " " + binary(supertype.name());
        if (!supertype.exported()) {
            refuse(what + " is in a package its module does not export", "IllegalAccessError");
        } else if (!supertype.isPublic() && !(supertype.program() && samePackage(supertype.name()))) {
            refuse(what + " is not public and not in the package of " + binaryName, "IllegalAccessError");
        }
        Optional<java.util.Set<String>> permitted = supertype.permittedSubclasses();
        if (permitted.isEmpty()) {
            return;
        }
        if (!supertype.program()) {
            refuse(what + " is sealed, and only classes of its own module may extend it", "IncompatibleClassChangeError");
        } else if (!model.flags().has(AccessFlag.PUBLIC) && !samePackage(supertype.name())) {
            refuse(what + " is sealed, and a subclass it permits in another package must be public",
                    "IncompatibleClassChangeError");
        } else if (!permitted.get().contains(name)) {
            refuse(what + " is sealed, and its PermittedSubclasses does not list " + binaryName, "IncompatibleClassChangeError");
        }
    }

    /**
     * An instance method may not override a final method of a superclass that it can see (a
     * package-private one only from the same run-time package), however far up. An interface's
     * superclass is {@code Object}, whose {@code getClass}, {@code notify} and {@code wait} are final.
     */
    private void checkOverride(ClassFormat.Method method, InheritedFinals inherited) {
        String methodName = format.pool().text(method.name());
        if ((method.access() & (ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE)) != 0 || methodName.startsWith("<")) {
            return;
        }
        String key = methodName + format.pool().text(method.descriptor());
        String declarer = inherited.overridden(name, key);
        if (declarer != null) {
            violations.add(new Violation(Rules.CLASS_HEADER, binaryName, key, -1, -1, "overrides final method "
                    + binary(declarer) + "." + key + "; the JVM refuses to load such a class (IncompatibleClassChangeError)"));
        }
    }

    private boolean samePackage(String other) {
        return name.lastIndexOf('/') == other.lastIndexOf('/')
                && name.regionMatches(0, other, 0, Math.max(0, name.lastIndexOf('/')));
    }

    private void refuse(String problem, String jvmError) {
        violations.add(Violation.ofClass(Rules.CLASS_HEADER, binaryName, problem + "; the JVM refuses to load such a class ("
                + jvmError + ")"));
    }

    private static String binary(String internal) {
        return internal.replace('/', '.');
    }
}
