package singj.kernel.proc;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.constantpool.NameAndTypeEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The class names a sealed class mentions in signatures: of the fields and methods it declares and
 * of those it calls and reads (the descriptors of its constant pool). A {@link SipLoader} resolves
 * the ones other loaders define before it defines the class, so that it is their initiating loader
 * by the time the JVM links the class's code.
 *
 * <p>Why: when code of one loader links to a method or field of another (a SIP's class calling the
 * JDK or the shared ABI), the JVM checks, for each class named in the signature, that both loaders
 * see the same class. If the SIP's loader has not loaded that name yet, the JVM records a <em>loader
 * constraint</em> instead, one per name, listing every loader that joined it, and scans that list
 * on each check: with one loader per SIP, every spawn then paid for every SIP alive (the names
 * {@code SipGlue} and {@code Sip} link to had 100,000 loaders each at {@code --scale 100000}). A
 * name the loader has already resolved to the same class needs no constraint at all.
 *
 * <p>One per kernel: the names of a class are read once, keyed by its bytes (by identity: a program
 * read from the image keeps its arrays, and an entry goes when they do).
 */
final class LinkedNames {
    private final Map<byte[], List<String>> byClass = Collections.synchronizedMap(new WeakHashMap<>());

    /** The names {@code bytes} mentions in signatures, but its own name and the primitives. */
    List<String> of(byte[] bytes) {
        List<String> names = byClass.get(bytes);
        if (names == null) {
            names = read(bytes);
            byClass.put(bytes, names);
        }
        return names;
    }

    /** Drops {@code name} from what {@code bytes} names: no loader of a SIP finds it. */
    void forget(byte[] bytes, String name) {
        byClass.computeIfPresent(bytes, (_, names) -> names.stream().filter(each -> !each.equals(name)).toList());
    }

    /** How many classes it holds the names of (for tests). */
    int size() {
        return byClass.size();
    }

    static List<String> read(byte[] bytes) {
        ClassModel model = ClassFile.of().parse(bytes);
        Set<String> names = new LinkedHashSet<>();
        for (FieldModel field : model.fields()) {
            addField(field.fieldType().stringValue(), names);
        }
        for (MethodModel method : model.methods()) {
            addMethod(method.methodType().stringValue(), names);
        }
        for (PoolEntry entry : model.constantPool()) {
            switch (entry) {
                case NameAndTypeEntry nameAndType -> {
                    String type = nameAndType.type().stringValue();
                    if (type.startsWith("(")) {
                        addMethod(type, names);
                    } else {
                        addField(type, names);
                    }
                }
                case MethodTypeEntry methodType -> addMethod(methodType.descriptor().stringValue(), names);
                default -> { }
            }
        }
        names.remove(model.thisClass().asInternalName().replace('/', '.'));
        names.remove(Object.class.getName()); // every class's loader has resolved it: its super
        return List.copyOf(names);
    }

    private static void addMethod(String descriptor, Set<String> names) {
        MethodTypeDesc type = MethodTypeDesc.ofDescriptor(descriptor);
        add(type.returnType(), names);
        for (ClassDesc parameter : type.parameterList()) {
            add(parameter, names);
        }
    }

    private static void addField(String descriptor, Set<String> names) {
        add(ClassDesc.ofDescriptor(descriptor), names);
    }

    private static void add(ClassDesc type, Set<String> names) {
        while (type.isArray()) {
            type = type.componentType();
        }
        if (type.isClassOrInterface()) {
            String descriptor = type.descriptorString(); // Lpkg/Name;
            names.add(descriptor.substring(1, descriptor.length() - 1).replace('/', '.'));
        }
    }
}
