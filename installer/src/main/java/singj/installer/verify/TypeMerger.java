package singj.installer.verify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins and assignability of verification types through the class hierarchy. It follows the JVM's
 * own treatment of interfaces: any class type is assignable to an interface type, and two types
 * meet at their least common superclass, never at an interface (an interface meets anything at
 * {@code Object}). That is sound because the JVM checks interface calls again at run time. Arrays
 * are the exception (JVMS 4.10.1.2): an array is an {@code Object}, a {@code Cloneable} and a
 * {@code Serializable}, and no other interface, whatever the class file version (HotSpot's old
 * verifier, for versions 50 and below, lets an array pass as any interface; no compiler emits that).
 */
final class TypeMerger {
    static final String OBJECT = "java/lang/Object";
    static final VType.Reference OBJECT_TYPE = new VType.Reference(OBJECT);
    static final String CLONEABLE = "java/lang/Cloneable";
    static final String SERIALIZABLE = "java/io/Serializable";

    private final TypeHierarchy hierarchy;
    private final Map<String, Optional<TypeHierarchy.ClassShape>> shapes = new HashMap<>();

    TypeMerger(TypeHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    Optional<TypeHierarchy.ClassShape> shape(String name) {
        Optional<TypeHierarchy.ClassShape> shape = shapes.get(name);
        if (shape == null) {
            shape = hierarchy.shape(name);
            shapes.put(name, shape);
        }
        return shape;
    }

    boolean isInterface(String name) {
        return shape(name).map(TypeHierarchy.ClassShape::isInterface).orElse(false);
    }

    /** The type a slot has where paths carrying {@code a} and {@code b} meet. */
    VType merge(VType a, VType b) {
        if (a.equals(b) || a instanceof VType.Conflict) {
            return a;
        }
        if (b instanceof VType.Conflict) {
            return b;
        }
        if (a instanceof VType.NullType && b instanceof VType.Reference) {
            return b;
        }
        if (b instanceof VType.NullType && a instanceof VType.Reference) {
            return a;
        }
        if (a instanceof VType.Reference ra && b instanceof VType.Reference rb) {
            return join(ra.name(), rb.name());
        }
        return new VType.Conflict(a, b);
    }

    private VType.Reference join(String a, String b) {
        if (a.equals(b)) {
            return new VType.Reference(a);
        }
        boolean arrayA = a.charAt(0) == '[';
        boolean arrayB = b.charAt(0) == '[';
        if (arrayA && arrayB) {
            char ca = a.charAt(1);
            char cb = b.charAt(1);
            boolean refA = ca == 'L' || ca == '[';
            boolean refB = cb == 'L' || cb == '[';
            if (refA && refB) {
                String elementA = ca == 'L' ? a.substring(2, a.length() - 1) : a.substring(1);
                String elementB = cb == 'L' ? b.substring(2, b.length() - 1) : b.substring(1);
                return new VType.Reference("[" + Descriptors.asDescriptor(join(elementA, elementB).name()));
            }
            return OBJECT_TYPE; // int[] and long[], or int[] and String[]: only Object holds both
        }
        if (arrayA || arrayB || isInterface(a) || isInterface(b)) {
            return OBJECT_TYPE;
        }
        Set<String> superclassesOfA = new HashSet<>();
        for (String c = a; c != null; c = superclass(c)) {
            superclassesOfA.add(c);
        }
        for (String c = b; c != null; c = superclass(c)) {
            if (superclassesOfA.contains(c)) {
                return new VType.Reference(c);
            }
        }
        return OBJECT_TYPE; // a class we cannot see: its uses will be checked against what we can
    }

    /** The superclass of {@code name}, or null at Object or when unknown. */
    private String superclass(String name) {
        if (name.equals(OBJECT)) {
            return null;
        }
        return shape(name).map(TypeHierarchy.ClassShape::superName).orElse(null);
    }

    /** Whether a value of type {@code from} may be used where {@code to} is expected. */
    boolean isAssignable(VType from, VType to) {
        if (from.equals(to) || to instanceof VType.Top) {
            return true;
        }
        if (to instanceof VType.Reference target) {
            return from instanceof VType.NullType
                    || from instanceof VType.Reference source && isSubclass(source.name(), target.name());
        }
        return false;
    }

    /** The two interfaces every array implements. */
    static boolean isArrayInterface(String name) {
        return name.equals(CLONEABLE) || name.equals(SERIALIZABLE);
    }

    /**
     * Reference assignability (JVMS 4.10.1.2), with interfaces treated as Object for class types as
     * the JVM does; an array is assignable only to Object, Cloneable, Serializable and arrays.
     */
    boolean isSubclass(String from, String to) {
        if (from.equals(to) || to.equals(OBJECT)) {
            return true;
        }
        if (to.charAt(0) == '[') {
            if (from.charAt(0) != '[') {
                return false;
            }
            char ct = to.charAt(1);
            char cf = from.charAt(1);
            boolean refTo = ct == 'L' || ct == '[';
            boolean refFrom = cf == 'L' || cf == '[';
            if (!refTo || !refFrom) {
                return false; // primitive arrays are assignable only to themselves (equal case above)
            }
            return isSubclass(cf == 'L' ? from.substring(2, from.length() - 1) : from.substring(1),
                    ct == 'L' ? to.substring(2, to.length() - 1) : to.substring(1));
        }
        if (from.charAt(0) == '[') {
            return isArrayInterface(to);
        }
        if (isInterface(to)) {
            return true;
        }
        for (String c = superclass(from); c != null; c = superclass(c)) {
            if (c.equals(to)) {
                return true;
            }
        }
        return false;
    }
}
