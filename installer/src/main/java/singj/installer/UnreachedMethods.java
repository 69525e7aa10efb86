package singj.installer;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;

/**
 * Drops the code {@link Reachability} found no path to: each such method keeps its name, type and
 * access, and its body becomes a throw of an {@link IllegalStateException} that says so. A native
 * method that cannot be reached becomes such a method too; abstract methods have no body to drop.
 */
final class UnreachedMethods {
    private static final ClassDesc ILLEGAL_STATE = ClassDesc.of("java.lang.IllegalStateException");

    private UnreachedMethods() {}

    /** How many of {@code model}'s method bodies are unreachable. */
    static int count(String owner, ClassModel model, Reachability.Reached reached) {
        int count = 0;
        for (MethodModel method : model.methods()) {
            if (hasBody(method) && !reached.reaches(owner, method)) {
                count++;
            }
        }
        return count;
    }

    /** {@code model} with every unreachable body replaced by a throw. */
    static ClassModel drop(String owner, ClassModel model, Reachability.Reached reached) {
        if (count(owner, model, reached) == 0) {
            return model;
        }
        ClassFile classFile = ClassFile.of();
        ClassTransform transform = (builder, element) -> {
            if (element instanceof MethodModel method && hasBody(method) && !reached.reaches(owner, method)) {
                String what = owner.replace('/', '.') + "." + method.methodName().stringValue() + method.methodType().stringValue();
                int flags = method.flags().flagsMask() & ~ClassFile.ACC_NATIVE;
                builder.withMethod(method.methodName(), method.methodType(), flags, body -> body.withCode(code -> code
                        .new_(ILLEGAL_STATE)
                        .dup()
                        .ldc(Reachability.REMOVED + what)
                        .invokespecial(ILLEGAL_STATE, ConstantDescs.INIT_NAME,
                                MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String))
                        .athrow()));
            } else {
                builder.with(element);
            }
        };
        return classFile.parse(classFile.transformClass(model, transform));
    }

    private static boolean hasBody(MethodModel method) {
        return method.code().isPresent() || method.flags().has(AccessFlag.NATIVE);
    }
}
