package singj.installer;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * The memory accounting of one method's {@code new} sites, done in locals: the method takes a
 * batch of the SIP's allocation budget into a local ({@code room}), each site takes its size off
 * that local, and what was taken is charged to the budget itself ({@code SipGlue.charge}) when the
 * batch runs out. A site then costs a subtraction and a test in registers, where taking its size
 * off the budget itself is a read and a write of a static field on every allocation, which chains
 * the trips of an allocating loop through memory.
 *
 * <p>A batch is at most {@code SipGlue.BATCH_BYTES} (1 KiB), less when less of the budget is left
 * ({@code SipGlue.batch}), so the site where the budget runs out is still the one that charges,
 * and its object the sample that stands for the bytes since the last one (as in
 * {@code MemoryAccount}). Allocations of methods called in between are charged by them, so
 * {@code room} can be too large; the charge finds the budget already spent then, and the latest
 * object of the method stands in.
 *
 * <p>What has not been charged yet stays bounded, so that a SIP cannot hide a growing heap in it:
 * a frame holds back at most one batch, and the method charges before it returns and when it
 * throws (a handler covering the whole method, which charges and throws again). The batch is small
 * because frames add up: with the whole budget as its batch, each frame of a recursion waiting for
 * its callee held back up to 256 KiB, and {@code HoardThroughRecursion} kept 576 MB that its quota
 * never saw. An allocating loop charges once a KiB (every few dozen trips), which costs no more
 * than the test it already makes; a test before every call instead cost a loop that adds to a
 * list 7% (27% where it kept C2 from hoisting an iterator's loads out of a loop that followed).
 *
 * <p>Only for methods with a loop or more than one site, where this saves something, and never
 * in constructors, where a handler around the call of the super constructor is not allowed.
 */
final class AllocationBatch {
    private static final MethodTypeDesc CHARGE = MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;J)J");
    private static final MethodTypeDesc BATCH = MethodTypeDesc.ofDescriptor("()J");

    private final ClassDesc glue;
    /** Locals: the batch when last charged, what is left of it, and the latest object allocated. */
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

    /** At the method's start: a batch of the budget. */
    void start(CodeBuilder b) {
        charged = b.allocateLocal(TypeKind.LONG);
        room = b.allocateLocal(TypeKind.LONG);
        last = b.allocateLocal(TypeKind.REFERENCE);
        b.aconst_null().astore(last);
        b.invokestatic(glue, "batch", BATCH);
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

    /** Charges what was taken off {@code room} since the last charge, and takes the next batch. */
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
