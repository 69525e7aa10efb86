package singj.installer;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * The memory accounting of one method's {@code new} sites, done in locals: the method copies the
 * SIP's allocation budget into a local ({@code room}), each site takes its size off that local,
 * and what was taken is charged to the budget itself ({@code SipGlue.charge}) now and then. A site
 * then costs a subtraction and a test in registers, where taking its size off the budget itself
 * is a read and a write of a static field on every allocation, which chains the trips of an
 * allocating loop through memory.
 *
 * <p>The sample is still taken where the budget runs out: the site that takes {@code room} below
 * zero charges at once, its object standing for the bytes since the last sample (as in
 * {@code MemoryAccount}). Allocations of methods called in between are charged by them, so
 * {@code room} can be too large; the charge finds the budget already spent then, and the latest
 * object of the method stands in.
 *
 * <p>What has not been charged yet stays bounded, so that a SIP cannot hide a growing heap in
 * it: {@code room} starts from the budget, so a frame holds back at most one sample interval
 * before its sites cross and charge; the method charges before it returns and when it throws (a
 * handler covering the whole method, which charges and throws again); and before a call, if
 * more than {@value #PENDING_AT_CALLS} bytes wait, so that the frames of a recursion, each waiting
 * for its callee, do not each hold back a sample interval ({@code HoardThroughRecursion} held
 * 576 MB that way). Loops do not charge on their back-edges: {@code room} already bounds a loop,
 * and a charge on every trip would undo the batch.
 *
 * <p>Only for methods with a loop or more than one site, where this saves something, and never
 * in constructors, where a handler around the call of the super constructor is not allowed.
 */
final class AllocationBatch {
    private static final MethodTypeDesc CHARGE = MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;J)J");
    /**
     * The most a frame holds back while it calls: a recursion as deep as an 8 MB stack allows
     * (~80,000 small frames) then hides at most ~80 MB, and an allocating loop with calls in it
     * (every loop that adds to a collection) charges once every few dozen trips.
     */
    static final long PENDING_AT_CALLS = 1024;

    private final ClassDesc glue;
    /** Locals: the budget when last charged, what is left of it, and the latest object allocated. */
    private int charged = -1;
    private int room = -1;
    private int last = -1;
    private Label start;

    private AllocationBatch(ClassDesc glue) {
        this.glue = glue;
    }

    /** A batch for {@code code} if it gains from one, else null (each site charges at once). */
    static AllocationBatch of(CodeModel code, String methodName, boolean hasLoop, ClassDesc glue) {
        if (methodName.equals("<init>")) {
            return null;
        }
        long sites = code.elementStream().filter(NewObjectInstruction.class::isInstance).count();
        return sites > 1 || (sites == 1 && hasLoop) ? new AllocationBatch(glue) : null;
    }

    /** At the method's start: the budget as it is. */
    void start(CodeBuilder b) {
        charged = b.allocateLocal(TypeKind.LONG);
        room = b.allocateLocal(TypeKind.LONG);
        last = b.allocateLocal(TypeKind.REFERENCE);
        b.aconst_null().astore(last);
        b.getstatic(glue, "allocationBudget", ConstantDescs.CD_long);
        b.dup2().lstore(charged).lstore(room);
        start = b.newBoundLabel();
    }

    /** After a {@code new} of {@code size} bytes and its constructor: the object is on the stack, and stays. */
    void add(CodeBuilder b, int size) {
        Label enough = b.newLabel();
        b.dup().astore(last);
        b.lload(room).loadConstant((long) size).lsub().dup2().lstore(room);
        b.lconst_0().lcmp().ifge(enough);
        charge(b);
        b.labelBinding(enough);
    }

    /** Before a call (its arguments on the stack, and left there): charges if more than {@link #PENDING_AT_CALLS} wait. */
    void beforeCall(CodeBuilder b) {
        Label few = b.newLabel();
        b.lload(charged).lload(room).lsub().loadConstant(PENDING_AT_CALLS).lcmp().ifle(few);
        charge(b);
        b.labelBinding(few);
    }

    /** Charges what was taken off {@code room} since the last charge, and starts again from the budget then. */
    void charge(CodeBuilder b) {
        b.aload(last).lload(charged).lload(room).lsub().invokestatic(glue, "charge", CHARGE);
        b.dup2().lstore(charged).lstore(room);
    }

    /** After the method's code: the handler that charges on the way out of a throw. */
    void end(CodeBuilder b) {
        Label end = b.newBoundLabel();
        Label handler = b.newLabel();
        b.labelBinding(handler);
        charge(b);
        b.athrow();
        b.exceptionCatchAll(start, end, handler);
    }
}
