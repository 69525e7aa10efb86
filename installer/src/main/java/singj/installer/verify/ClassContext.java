package singj.installer.verify;

import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What every method of one class is verified against: the class itself and the hierarchy around it. */
final class ClassContext {
    final ClassModel model;
    /** Internal name, such as {@code com/example/Main}. */
    final String name;
    /** Binary name, such as {@code com.example.Main}, as violations name classes. */
    final String binaryName;
    /** Internal name of the superclass, or null for {@code java/lang/Object}. */
    final String superName;
    final Set<String> interfaces = new HashSet<>();
    final int majorVersion;
    final TypeMerger merger;
    final TypeHierarchy hierarchy;
    /** {@code name:descriptor} of the final fields this class declares. */
    final Set<String> finalFields = new HashSet<>();
    private final Map<String, Descriptors.MethodSig> signatures;

    ClassContext(ClassModel model, TypeMerger merger, TypeHierarchy hierarchy, Map<String, Descriptors.MethodSig> signatures) {
        this.model = model;
        this.name = model.thisClass().asInternalName();
        this.binaryName = name.replace('/', '.');
        this.superName = model.superclass().map(ClassEntry::asInternalName).orElse(null);
        model.interfaces().forEach(i -> interfaces.add(i.asInternalName()));
        this.majorVersion = model.majorVersion();
        this.merger = merger;
        this.hierarchy = hierarchy;
        this.signatures = signatures;
        for (FieldModel field : model.fields()) {
            if (field.flags().has(AccessFlag.FINAL)) {
                finalFields.add(field.fieldName().stringValue() + ":" + field.fieldType().stringValue());
            }
        }
    }

    Descriptors.MethodSig signature(String descriptor) {
        Descriptors.MethodSig sig = signatures.get(descriptor);
        if (sig == null) {
            sig = Descriptors.method(descriptor);
            signatures.put(descriptor, sig);
        }
        return sig;
    }

    private final Map<String, VType> fieldTypes = new HashMap<>();

    /** The verification type of a field descriptor (checked legal by ClassFormat). */
    VType fieldType(String descriptor) {
        VType type = fieldTypes.get(descriptor);
        if (type == null) {
            if (!Names.isFieldDescriptor(descriptor)) {
                throw new Rejection(Rules.CONSTANT_POOL, descriptor + " is not a field descriptor");
            }
            type = Descriptors.fieldType(descriptor, 0);
            fieldTypes.put(descriptor, type);
        }
        return type;
    }

    /** The type of {@code this} once initialized. */
    VType.Reference thisType() {
        return new VType.Reference(name);
    }

    boolean isSuperclass(String candidate) {
        for (String c = superName; c != null; c = merger.shape(c).map(TypeHierarchy.ClassShape::superName).orElse(null)) {
            if (c.equals(candidate)) {
                return true;
            }
            if (c.equals(TypeMerger.OBJECT)) {
                break;
            }
        }
        return false;
    }

    static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
