package singj.installer;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import singj.abi.runtime.AsyncCalls;

/**
 * The constructors whose defaults are the JDK's shared threads, given the SIP's instead, at the
 * {@code invokespecial} that runs them (the {@code new} before it stays, so the rest of the code
 * is unchanged): a {@code ForkJoinPool} made without a worker factory gets one whose threads are
 * the SIP's, one made with the program's factory gets that factory wrapped so that its threads
 * are adopted too, and a {@code SubmissionPublisher} made without an executor gets the SIP's
 * common pool, where the JDK's would deliver to its subscribers on the JVM-wide one.
 */
final class PoolConstructors {
    private static final String POOL = "java/util/concurrent/ForkJoinPool";
    private static final String PUBLISHER = "java/util/concurrent/SubmissionPublisher";
    private static final ClassDesc CONSTRUCTORS = ClassDesc.of(AsyncCalls.Constructors.class.getName());
    private static final ClassDesc ASYNC = ClassDesc.of(AsyncCalls.class.getName());
    private static final ClassDesc POOL_DESC = ClassDesc.of("java.util.concurrent.ForkJoinPool");
    private static final ClassDesc FACTORY = POOL_DESC.nested("ForkJoinWorkerThreadFactory");
    private static final MethodTypeDesc WITH_FACTORY = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int,
            FACTORY, ClassDesc.of("java.lang.Thread$UncaughtExceptionHandler"), ConstantDescs.CD_boolean);
    private static final MethodTypeDesc INT = MethodTypeDesc.of(ConstantDescs.CD_int);
    private static final MethodTypeDesc CONTEXT = MethodTypeDesc.of(Redirects.CONTEXT);

    private PoolConstructors() {}

    /** Whether {@link #rewrite} writes the SIP's version of {@code owner.<init>descriptor}, calling the runtime's constructor helpers. */
    static boolean rewrites(String owner, String descriptor) {
        return owner.equals(POOL) || owner.equals(PUBLISHER) && descriptor.equals("()V");
    }

    /**
     * Writes the SIP's version of {@code invokespecial owner.<init>descriptor}, its arguments on
     * the stack, and says so; writes nothing and returns false for any other constructor.
     */
    static boolean rewrite(CodeBuilder b, String owner, String descriptor) {
        MethodTypeDesc type = MethodTypeDesc.ofDescriptor(descriptor);
        ClassDesc ownerDesc = ClassDesc.ofInternalName(owner);
        if (owner.equals(PUBLISHER) && descriptor.equals("()V")) {
            context(b).invokestatic(ASYNC, "commonPool", MethodTypeDesc.of(POOL_DESC, Redirects.CONTEXT));
            b.invokestatic(ClassDesc.of("java.util.concurrent.Flow"), "defaultBufferSize", INT);
            b.invokespecial(ownerDesc, "<init>", MethodTypeDesc.ofDescriptor("(Ljava/util/concurrent/Executor;I)V"));
            return true;
        }
        if (!owner.equals(POOL)) {
            return false;
        }
        int factory = type.parameterList().indexOf(FACTORY);
        if (factory < 0) { // () or (int): the four-argument form with the SIP's factory and the JDK's other defaults
            if (type.parameterCount() == 0) {
                b.invokestatic(CONSTRUCTORS, "defaultParallelism", INT);
            }
            context(b).invokestatic(CONSTRUCTORS, "workerFactory", MethodTypeDesc.of(FACTORY, Redirects.CONTEXT));
            b.aconst_null().iconst_0();
            b.invokespecial(ownerDesc, "<init>", WITH_FACTORY);
            return true;
        }
        // the factory is below later arguments: set them aside, wrap it, put them back
        int count = type.parameterCount();
        int[] slots = new int[count];
        for (int i = count - 1; i > factory; i--) {
            TypeKind kind = TypeKind.from(type.parameterType(i));
            slots[i] = b.allocateLocal(kind);
            b.storeLocal(kind, slots[i]);
        }
        context(b).invokestatic(CONSTRUCTORS, "adopting", MethodTypeDesc.of(FACTORY, FACTORY, Redirects.CONTEXT));
        for (int i = factory + 1; i < count; i++) {
            b.loadLocal(TypeKind.from(type.parameterType(i)), slots[i]);
        }
        b.invokespecial(ownerDesc, "<init>", type);
        return true;
    }

    private static CodeBuilder context(CodeBuilder b) {
        return b.invokestatic(Redirects.GLUE, "context", CONTEXT);
    }
}
