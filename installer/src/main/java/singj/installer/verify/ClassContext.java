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
    /** The constant pool as the format check read it. */
    final Pool pool;
    final TypeMerger merger;
    final TypeHierarchy hierarchy;
    /** {@code name:descriptor} of the final fields this class declares. */
    final Set<String> finalFields = new HashSet<>();
    private final Map<String, Descriptors.MethodSig> signatures;
    // by constant pool index: a class names each descriptor once, and its instructions refer to it by index
    private final Descriptors.MethodSig[] signaturesByEntry;
    private final VType[] fieldTypesByEntry;
    private final VType.Reference thisType;
    /** The superclasses of this class, as far as the hierarchy knows them; made when first asked. */
    private Set<String> superclasses;
    /** The package part of {@link #name}, with its final slash (empty for the unnamed package). */
    private final String packagePrefix;

    ClassContext(ClassModel model, Pool pool, TypeMerger merger, TypeHierarchy hierarchy,
                 Map<String, Descriptors.MethodSig> signatures) {
        this.model = model;
        this.pool = pool;
        this.name = model.thisClass().asInternalName();
        this.binaryName = name.replace('/', '.');
        this.superName = model.superclass().map(ClassEntry::asInternalName).orElse(null);
        model.interfaces().forEach(i -> interfaces.add(i.asInternalName()));
        this.majorVersion = model.majorVersion();
        this.merger = merger;
        this.hierarchy = hierarchy;
        this.signatures = signatures;
        int poolSize = model.constantPool().size();
        this.signaturesByEntry = new Descriptors.MethodSig[poolSize];
        this.fieldTypesByEntry = new VType[poolSize];
        this.packagePrefix = name.substring(0, name.lastIndexOf('/') + 1);
        this.thisType = new VType.Reference(name);
        for (FieldModel field : model.fields()) {
            if (field.flags().has(AccessFlag.FINAL)) {
                finalFields.add(field.fieldName().stringValue() + ":" + field.fieldType().stringValue());
            }
        }
    }

    /** The method descriptor in constant pool entry {@code descriptor}, read once per class (and once per program for its text). */
    Descriptors.MethodSig signature(int index) {
        Descriptors.MethodSig sig = signaturesByEntry[index];
        if (sig == null) {
            // keyed by the text: a String hashes and compares faster than an entry of another class's
            // pool, which compares its modified UTF-8 bytes one by one
            String text = pool.utf8(index);
            sig = signatures.get(text);
            if (sig == null) {
                sig = Descriptors.method(text);
                signatures.put(text, sig);
            }
            signaturesByEntry[index] = sig;
        }
        return sig;
    }

    /** The verification type of the field descriptor in constant pool entry {@code descriptor} (checked legal by ClassFormat). */
    VType fieldType(int index) {
        VType type = fieldTypesByEntry[index];
        if (type == null) {
            String text = pool.utf8(index);
            if (!pool.isFieldDescriptor(index)) {
                throw new Rejection(Rules.CONSTANT_POOL, text + " is not a field descriptor");
            }
            type = Descriptors.fieldType(text, 0);
            fieldTypesByEntry[index] = type;
        }
        return type;
    }

    /**
     * Whether this class itself declares a field {@code name} of type {@code descriptor} (static or
     * not, as the JVM's verifier asks): inherited fields do not count. Scanned when asked, which is
     * only for an assignment before super().
     */
    boolean declaresField(String name, int descriptor) {
        for (FieldModel field : model.fields()) {
            if (field.fieldName().equalsString(name) && field.fieldType().equalsString(pool.utf8(descriptor))) {
                return true;
            }
        }
        return false;
    }

    /** The type of {@code this} once initialized. */
    VType.Reference thisType() {
        return thisType;
    }

    boolean isSuperclass(String candidate) {
        if (superclasses == null) {
            // asked for most calls and field accesses: the chain is walked once per class
            Set<String> names = new HashSet<>();
            for (String c = superName; c != null; c = merger.shape(c).map(TypeHierarchy.ClassShape::superName).orElse(null)) {
                names.add(c);
                if (c.equals(TypeMerger.OBJECT)) {
                    break;
                }
            }
            superclasses = names;
        }
        return superclasses.contains(candidate);
    }

    /** Whether {@code internalName} is in this class's package (compared without making substrings). */
    boolean inOwnPackage(String internalName) {
        return internalName.length() > packagePrefix.length() && internalName.startsWith(packagePrefix)
                && internalName.indexOf('/', packagePrefix.length()) < 0;
    }

}
