package singj.cli;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runaways javac cannot write: exception handlers forged in bytecode by an attacker who has read
 * the sealer, which enters handlers through a kill check but leaves javac's releases of a
 * {@code synchronized} block's monitor unchecked. Each is a {@code Thread} whose {@code run}
 * prints "running" and then calls its trap, and calls it again whatever it throws, so that only a
 * kill ends it; a thread left running after the kill is a platform thread the test can see from
 * outside. In each trap, local 1 holds a fresh object that is used as a lock, and local 2 the
 * exception a handler caught.
 */
final class ForgedHandlerRunaways {
    private static final ClassDesc THREAD = ClassDesc.of("java.lang.Thread");
    private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final MethodTypeDesc VOID = MethodTypeDesc.of(CD_void);

    private ForgedHandlerRunaways() {}

    record Forged(String name, Consumer<CodeBuilder> trap) {
        byte[] classFile() {
            ClassDesc self = ClassDesc.of(name);
            return ClassFile.of().build(self, cls -> cls
                    .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                    .withSuperclass(THREAD)
                    .withMethodBody(ConstantDescs.INIT_NAME, VOID, ClassFile.ACC_PUBLIC, code -> code
                            .aload(0).invokespecial(THREAD, ConstantDescs.INIT_NAME, VOID).return_())
                    .withMethodBody("main", MethodTypeDesc.of(CD_void, CD_String.arrayType()),
                            ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                                    .new_(self).dup().invokespecial(self, ConstantDescs.INIT_NAME, VOID)
                                    .invokevirtual(self, "start", VOID).return_())
                    .withMethodBody("run", VOID, ClassFile.ACC_PUBLIC, code -> {
                        code.getstatic(SYSTEM, "out", PRINT_STREAM).ldc("running")
                                .invokevirtual(PRINT_STREAM, "println", MethodTypeDesc.of(CD_void, CD_String));
                        Label again = code.newBoundLabel();
                        code.trying(block -> block.aload(0).invokevirtual(self, "trap", VOID),
                                catches -> catches.catchingAll(CodeBuilder::pop));
                        code.goto_(again);
                    })
                    .withMethodBody("trap", VOID, ClassFile.ACC_PRIVATE, code -> {
                        code.new_(CD_Object).dup().invokespecial(CD_Object, ConstantDescs.INIT_NAME, VOID).astore(1);
                        trap.accept(code);
                    }));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Forged> all() {
        return List.of(
                // issue 13's case: javac's handler of a synchronized block, on a lock never taken.
                // Its monitorexit throws IllegalMonitorStateException into itself, for ever.
                new Forged("MonitorExitThrowsIntoItsOwnHandler", code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    Label released = code.newLabel();
                    code.labelBinding(start).aload(1).monitorexit().labelBinding(end).return_();
                    monitorRelease(code, handler, released);
                    code.exceptionCatchAll(start, end, handler);
                    code.exceptionCatchAll(handler, released, handler);
                }),
                // javac's shape again, with one range over both a spinning loop and the handler:
                // the kill thrown on the loop's back-edge lands in it and never leaves
                new Forged("OneRangeOverALoopAndItsMonitorHandler", code -> {
                    Label spin = code.newLabel();
                    Label handler = code.newLabel();
                    Label end = code.newLabel();
                    code.labelBinding(spin).goto_(spin);
                    monitorRelease(code, handler, code.newLabel());
                    code.labelBinding(end);
                    code.exceptionCatchAll(spin, end, handler);
                }),
                // two handlers of javac's shape, neither covering itself: each one's code is
                // covered by the other, so their monitorexits throw back and forth
                new Forged("MonitorHandlersThrowIntoEachOther", code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label first = code.newLabel();
                    Label second = code.newLabel();
                    Label last = code.newLabel();
                    code.labelBinding(start).aload(1).monitorexit().labelBinding(end).return_();
                    monitorRelease(code, first, code.newLabel());
                    monitorRelease(code, second, code.newLabel());
                    code.labelBinding(last);
                    code.exceptionCatchAll(start, end, first);
                    code.exceptionCatchAll(first, second, second);
                    code.exceptionCatchAll(second, last, first);
                }),
                // a handler checked where it starts, inside the range of a monitor handler that
                // rethrows into it: its own check throws the kill around that circle for ever
                // (the monitorexit succeeds once, then throws IllegalMonitorStateException)
                new Forged("KillRethrownIntoAnEarlierHandler", code -> {
                    Label loop = code.newLabel();
                    Label spin = code.newLabel();
                    Label handler = code.newLabel();
                    Label end = code.newLabel();
                    code.aconst_null(); // the handler's entry holds a Throwable: first time in, none
                    code.labelBinding(loop).pop().aload(1).monitorenter();
                    code.labelBinding(spin).goto_(spin);
                    monitorRelease(code, handler, code.newLabel());
                    code.labelBinding(end);
                    code.exceptionCatchAll(loop, handler, handler);
                    code.exceptionCatchAll(handler, end, loop);
                }),
                // a plain catch-all whose range covers it: it throws into itself, for ever
                new Forged("CatchAllThrowsIntoItself", code -> {
                    Label start = code.newLabel();
                    Label handler = code.newLabel();
                    Label end = code.newLabel();
                    code.labelBinding(start).aconst_null().athrow();
                    code.labelBinding(handler).astore(2).aconst_null().athrow();
                    code.labelBinding(end);
                    code.exceptionCatchAll(start, end, handler);
                }));
    }

    /** javac's handler of a synchronized block on local 1: releases it, and throws what it caught again. */
    private static void monitorRelease(CodeBuilder code, Label handler, Label released) {
        code.labelBinding(handler).astore(2).aload(1).monitorexit().labelBinding(released).aload(2).athrow();
    }
}
