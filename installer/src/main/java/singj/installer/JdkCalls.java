package singj.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.DirectMethodHandleDesc;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import singj.installer.surface.JdkCallbacks;

/**
 * The code outside a program that its reachable code can run, and which of the program's
 * overrides of JDK methods that code may call back. A JDK method a program overrides runs only
 * when JDK code that calls it runs: {@code parallelStream()} of a collection class is reached
 * when the program, or JDK code it reaches, calls {@code parallelStream}, not because
 * {@code Collection} declares it.
 *
 * <p>Code of {@code java.base} is looked up in the table made from the JDK's call graph
 * ({@link JdkCallbacks}); the rest, SingJ's runtime that the sealer sends calls to
 * ({@link Redirects}) and JDK classes of other modules that the allowlist admits
 * ({@code java.sql.Date}), is read here as it is and every call in it counts: a method of the
 * runtime when something calls it, a JDK class of another module whole when anything of it is
 * used (its objects may be handed to JDK code that calls their methods). The kernel's own calls on
 * a SIP's objects (a thread's {@code run}, printing its uncaught exception) are in the table's base.
 */
final class JdkCalls {
    private static final Set<String> JAVA_BASE = packagesOf(Object.class.getModule());

    private final ClassHierarchy hierarchy;
    private final JdkCallbacks table;
    private final Consumer<String> onCallback;
    private final Set<String> calledBack = new HashSet<>();
    private final Set<String> calls = new HashSet<>();
    private final Set<String> virtualCalls = new HashSet<>();
    private final Set<String> readMethods = new HashSet<>();
    private final Set<String> readClasses = new HashSet<>();
    private final Map<String, Optional<ClassModel>> outside = new HashMap<>();

    /** {@code onCallback} hears of each callback that only some JDK code makes once that code is reached. */
    JdkCalls(ClassHierarchy hierarchy, JdkCallbacks table, Consumer<String> onCallback) {
        this.hierarchy = hierarchy;
        this.table = table;
        this.onCallback = onCallback;
    }

    /**
     * Whether code reached so far may call an override of {@code signature} on the program's objects:
     * a signature only some JDK code calls once that code is reached, any other at once.
     */
    boolean mayCallBack(String signature) {
        return !table.isConditional(signature) || calledBack.contains(signature);
    }

    /** A call that links to {@code declaring.nameAndType}, a method outside the program (static, special or virtual). */
    void call(String declaring, String nameAndType) {
        if (!calls.add(declaring + "." + nameAndType)) {
            return;
        }
        if (isJavaBase(declaring)) {
            table.fromCall(declaring + "." + nameAndType).forEach(this::calledBack);
        } else if (declaring.startsWith("singj/")) {
            readMethod(declaring, nameAndType);
        } else {
            readClass(declaring);
        }
    }

    /** A virtual or interface call of {@code nameAndType}: every JDK method with it may answer. */
    void virtual(String nameAndType) {
        if (virtualCalls.add(nameAndType)) {
            table.fromVirtualCall(nameAndType).forEach(this::calledBack);
            if (table.isConditional(nameAndType)) {
                calledBack(nameAndType); // called by code outside the program, on objects that may be the program's
            }
        }
    }

    /** The SIP runtime's method that the sealer puts in place of a call ({@link Redirects}). */
    void redirect(Redirects.Target target) {
        String owner = target.owner().descriptorString();
        call(owner.substring(1, owner.length() - 1), target.name() + target.callType().descriptorString());
    }

    /** A class of the SIP runtime whose every method the sealer may call (see {@link PoolConstructors}). */
    void runtimeClass(Class<?> runtime) {
        readClass(runtime.getName().replace('.', '/'));
    }

    private void calledBack(String signature) {
        if (calledBack.add(signature)) {
            onCallback.accept(signature);
        }
    }

    private void readClass(String owner) {
        if (readClasses.add(owner)) {
            model(owner).ifPresent(model -> model.methods().forEach(method -> read(owner, method)));
        }
    }

    private void readMethod(String owner, String nameAndType) {
        model(owner).flatMap(model -> model.methods().stream()
                .filter(m -> nameAndType.equals(m.methodName().stringValue() + m.methodType().stringValue())).findFirst())
                .ifPresent(method -> read(owner, method));
    }

    private void read(String owner, MethodModel method) {
        if (!readMethods.add(owner + "." + method.methodName().stringValue() + method.methodType().stringValue())) {
            return;
        }
        method.code().ifPresent(code -> {
            for (CodeElement element : code) {
                readElement(element);
            }
        });
    }

    private void readElement(CodeElement element) {
        switch (element) {
            case InvokeInstruction invoke -> {
                String signature = invoke.name().stringValue() + invoke.type().stringValue();
                boolean dispatched = switch (invoke.opcode()) {
                    case INVOKEVIRTUAL, INVOKEINTERFACE -> true;
                    default -> false;
                };
                linked(invoke.owner().asInternalName(), signature, dispatched);
            }
            case NewObjectInstruction creation -> {
                String type = creation.className().asInternalName();
                if (!isJavaBase(type)) {
                    readClass(type); // its methods may be called back by whatever it is handed to
                }
            }
            case InvokeDynamicInstruction indy -> {
                for (var argument : indy.invokedynamic().bootstrap().arguments()) {
                    if (argument instanceof MethodHandleEntry handle) {
                        named(handle.asSymbol());
                    }
                }
            }
            default -> { }
        }
    }

    /** A lambda body or method reference outside the program, among an {@code invokedynamic}'s arguments. */
    void named(DirectMethodHandleDesc handle) {
        String owner = handle.owner().descriptorString();
        if (!owner.startsWith("L")) {
            return;
        }
        owner = owner.substring(1, owner.length() - 1);
        switch (handle.kind()) {
            case VIRTUAL, INTERFACE_VIRTUAL -> linked(owner, handle.methodName() + handle.lookupDescriptor(), true);
            case STATIC, INTERFACE_STATIC, SPECIAL, INTERFACE_SPECIAL -> linked(owner,
                    handle.methodName() + handle.lookupDescriptor(), false);
            case CONSTRUCTOR -> linked(owner, "<init>" + handle.lookupDescriptor(), false);
            default -> { } // a field's getter or setter
        }
    }

    /** A call from code outside the program to {@code owner.nameAndType}, as the JVM links it. */
    private void linked(String owner, String nameAndType, boolean dispatched) {
        int paren = nameAndType.indexOf('(');
        hierarchy.resolveMethod(owner, nameAndType.substring(0, paren), nameAndType.substring(paren))
                .ifPresent(declaring -> call(declaring.name(), nameAndType));
        if (dispatched) {
            virtual(nameAndType);
        }
    }

    private Optional<ClassModel> model(String owner) {
        return outside.computeIfAbsent(owner, name -> {
            try (InputStream in = JdkCalls.class.getClassLoader().getResourceAsStream(name + ".class")) {
                return in == null ? Optional.empty() : Optional.of(ClassFile.of().parse(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ".class", e);
            }
        });
    }

    private static boolean isJavaBase(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash > 0 && JAVA_BASE.contains(internalName.substring(0, slash));
    }

    private static Set<String> packagesOf(Module module) {
        Set<String> packages = new HashSet<>();
        module.getPackages().forEach(name -> packages.add(name.replace('.', '/')));
        return Set.copyOf(packages);
    }
}
