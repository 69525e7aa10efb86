package singj.installer;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LocalVariableType;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayDeque;
import singj.abi.runtime.SipGlue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sealing compiler: rewrites a verified program into the form the kernel runs.
 * <ul>
 * <li>a kill check ({@code SipGlue.enter}, which compiled code answers for free) at the entry
 *     of every method that calls anything and on every loop back-edge;</li>
 * <li>every exception handler entered through {@code SipGlue.onCatch}, so that a kill can be
 *     neither caught nor swallowed, and no loop through handlers runs unchecked: at the handler
 *     itself from a range before it (so that a kill thrown there still runs the enclosing
 *     {@code synchronized} block's release), through a stub after the method's code from any other
 *     range; only javac's releases of a {@code synchronized} block's monitor, proven from the code,
 *     are entered unchecked ({@link ExceptionHandlers});</li>
 * <li>JVM-wide operations redirected to the SIP's own ({@link Redirects}), and pools given
 *     the SIP's threads where the JDK's default would be its shared ones ({@link PoolConstructors});</li>
 * <li>arrays of {@code SipGlue.LARGE_ARRAY_BYTES} or more announced before they are allocated
 *     (the JVM's heap sampler charges every allocation in the kernel: no {@code new} site has a
 *     hook, so the JIT's escape analysis works on sealed code as on plain code), new threads and
 *     executors adopted by the SIP, identity operations checked for objects other SIPs can hold, but where the
 *     verifier's types prove the object the SIP's own ({@link IdentityOperations}).</li>
 * </ul>
 */
final class Sealer {
    private static final MethodTypeDesc VOID = MethodTypeDesc.ofDescriptor("()V");
    private static final MethodTypeDesc MULTI_ARRAY_REQUEST = MethodTypeDesc.ofDescriptor("([II)V");
    private static final MethodTypeDesc ON_CATCH = MethodTypeDesc.ofDescriptor("(Ljava/lang/Throwable;)V");
    private static final MethodTypeDesc ARRAY_REQUEST = MethodTypeDesc.ofDescriptor("(II)I");
    private static final MethodTypeDesc CHECK_MONITOR = MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;)Ljava/lang/Object;");
    private static final MethodTypeDesc ADOPT_THREAD = MethodTypeDesc.ofDescriptor(
            "(Ljava/lang/Thread;Lsingj/abi/runtime/SipContext;)V");
    private static final MethodTypeDesc ADOPT_EXECUTOR = MethodTypeDesc.ofDescriptor(
            "(Ljava/util/concurrent/ExecutorService;Lsingj/abi/runtime/SipContext;)V");
    private static final ClassDesc GLUE = Redirects.GLUE;
    private static final ClassDesc CALLS = Redirects.CALLS;
    private static final MethodTypeDesc CONTEXT = MethodTypeDesc.of(Redirects.CONTEXT);
    private static final ClassDesc METHOD_HANDLES = ClassDesc.of("java.lang.invoke.MethodHandles");
    private static final MethodTypeDesc THREAD_NAME = MethodTypeDesc.ofDescriptor(
            "(Lsingj/abi/runtime/SipContext;)Ljava/lang/String;");
    /** The {@code Thread} constructors that take no name, and the same with a name appended. */
    private static final Map<String, String> NAMED_THREAD_CONSTRUCTORS = Map.of(
            "()V", "(Ljava/lang/String;)V",
            "(Ljava/lang/Runnable;)V", "(Ljava/lang/Runnable;Ljava/lang/String;)V");

    /** Constructors that run no code of their subclasses. */
    private static final Set<String> ROOT_CONSTRUCTORS = Set.of("java/lang/Object", "java/lang/Record", "java/lang/Enum");

    private final ClassHierarchy hierarchy;
    private final ClassFile classFile;
    private final IdentityOperations identity;
    private final RefusedSites refused;

    /**
     * Uses of refused members in a library's code, by class, method and instruction index: each
     * becomes a throw of a {@link SecurityException} that names the rule, the member and where,
     * so the member is never called and the library's other code runs.
     */
    static final class RefusedSites {
        private final Map<String, Map<Integer, String>> byMethod = new HashMap<>();

        void add(Violation violation, int instructionIndex) {
            byMethod.computeIfAbsent(violation.className() + "." + violation.method(), key -> new HashMap<>())
                    .put(instructionIndex, "refused by SingJ's installer, reached at run time: " + violation);
        }

        Map<Integer, String> in(String className, String method) {
            return byMethod.getOrDefault(className + "." + method, Map.of());
        }
    }

    Sealer(ClassHierarchy hierarchy, Collection<ClassModel> program, IdentityOperations identity) {
        this(hierarchy, program, identity, new RefusedSites());
    }

    Sealer(ClassHierarchy hierarchy, Collection<ClassModel> program, IdentityOperations identity, RefusedSites refused) {
        this.hierarchy = hierarchy;
        this.identity = identity;
        this.refused = refused;
        var interfaces = new ArrayList<ClassDesc>();
        var superclasses = new HashMap<ClassDesc, ClassDesc>();
        for (ClassModel model : program) {
            ClassDesc self = model.thisClass().asSymbol();
            if (model.flags().has(java.lang.reflect.AccessFlag.INTERFACE)) {
                interfaces.add(self);
            } else {
                superclasses.put(self, model.superclass().map(ClassEntry::asSymbol).orElse(null));
            }
        }
        var resolver = ClassHierarchyResolver.of(interfaces, superclasses)
                .orElse(ClassHierarchyResolver.defaultResolver());
        this.classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver));
    }

    byte[] seal(ClassModel model) {
        ClassDesc self = model.thisClass().asSymbol();
        boolean isInterface = model.flags().has(java.lang.reflect.AccessFlag.INTERFACE);
        Map<Redirects.Target, String> bridges = new LinkedHashMap<>();
        return classFile.transformClass(model, new ClassTransform() {
            @Override
            public void accept(ClassBuilder builder, ClassElement element) {
                if (element instanceof MethodModel method && method.code().isPresent()) {
                    BitSet privateObjects = identity.privateSitesIn(model.thisClass().asInternalName(),
                            method.methodName().stringValue() + method.methodType().stringValue());
                    Map<Integer, String> refusedHere = refused.in(model.thisClass().asInternalName().replace('/', '.'),
                            method.methodName().stringValue() + method.methodType().stringValue());
                    builder.transformMethod(method, MethodTransform.transformingCode(new SealedCode(
                            method.code().get(), self, isInterface, bridges,
                            privateObjects, refusedHere)));
                } else {
                    builder.with(element);
                }
            }

            @Override
            public void atEnd(ClassBuilder builder) {
                bridges.forEach((target, name) -> builder.withMethodBody(name, target.type(),
                        ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_SYNTHETIC, code -> {
                            int slot = 0;
                            for (ClassDesc parameter : target.type().parameterList()) {
                                TypeKind kind = TypeKind.from(parameter);
                                code.loadLocal(kind, slot);
                                slot += kind.slotSize();
                            }
                            callRedirect(code, target);
                            code.return_(TypeKind.from(target.type().returnType()));
                        }));
            }
        });
    }

    /** Calls the SIP's own version of a redirected operation, its arguments already on the stack. */
    private static void callRedirect(CodeBuilder b, Redirects.Target target) {
        if (target.takesLookup()) { // in the program's class: a lookup of that class (Redirects.LOOKUP)
            b.invokestatic(METHOD_HANDLES, "lookup", MethodTypeDesc.of(Redirects.LOOKUP));
        }
        if (target.takesContext()) {
            b.invokestatic(GLUE, "context", CONTEXT);
        }
        b.invokestatic(target.owner(), target.name(), target.callType());
    }

    /** The rewriting of one method's code. */
    private final class SealedCode implements CodeTransform {
        private record Stub(Label handler, Optional<ClassEntry> catchType) {}

        private final Set<Label> bound = new HashSet<>();
        private final Deque<String> pendingNew = new ArrayDeque<>();
        private final Map<Stub, Label> stubs = new LinkedHashMap<>();
        /** Where stubs enter a handler that also has a check at its start: after that check. */
        private final Map<Label, Label> pastCheck = new HashMap<>();
        private final ExceptionHandlers handlers;
        private final boolean mayCall;
        private int instructionIndex;
        /** The value the element just before pushed, if it was a constant instruction (a label in between clears it). */
        private Object constantBefore;

        private final ClassDesc self;
        private final boolean isInterface;
        private final Map<Redirects.Target, String> bridges;
        /** The identity operations (by instruction index) whose object the verifier's types show is the SIP's own. */
        private final BitSet privateObjects;
        /** The refused uses in a library's code (by instruction index), with what their throw says. */
        private final Map<Integer, String> refusedHere;

        SealedCode(CodeModel code, ClassDesc self, boolean isInterface,
                   Map<Redirects.Target, String> bridges, BitSet privateObjects, Map<Integer, String> refusedHere) {
            this.refusedHere = refusedHere;
            this.self = self;
            this.isInterface = isInterface;
            this.bridges = bridges;
            this.privateObjects = privateObjects;
            this.handlers = ExceptionHandlers.of(code);
            this.mayCall = mayCallProgram(code);
        }

        @Override
        public void atStart(CodeBuilder b) {
            if (mayCall) {
                // a read of a flag here cost a small recursive method 12-25%
                b.invokestatic(GLUE, "enter", VOID);
            }
        }

        @Override
        public void accept(CodeBuilder b, CodeElement element) {
            int index = element instanceof Instruction ? instructionIndex++ : -1;
            Object constant = constantBefore;
            constantBefore = element instanceof ConstantInstruction load ? load.constantValue() : null;
            String refusal = refusedHere.get(index);
            if (!refusedHere.isEmpty() && (element instanceof LocalVariable || element instanceof LocalVariableType)) {
                return; // debug names of locals the throw may leave dead, which the JVM would refuse
            }
            if (refusal != null) {
                if (element instanceof InvokeInstruction invoke && invoke.name().equalsString("<init>")
                        && !pendingNew.isEmpty() && pendingNew.peek().equals(invoke.owner().asInternalName())) {
                    pendingNew.pop(); // its object is never made
                }
                // the operand stack is dropped by the throw; what follows is dead unless a jump reaches it
                ClassDesc exception = ClassDesc.of("java.lang.SecurityException");
                b.new_(exception).dup().loadConstant(refusal)
                        .invokespecial(exception, "<init>", MethodTypeDesc.ofDescriptor("(Ljava/lang/String;)V"))
                        .athrow();
                return;
            }
            switch (element) {
                case LabelTarget target -> {
                    bound.add(target.label());
                    b.with(element);
                    if (handlers.checkedAtEntry(target.label())) {
                        b.dup().invokestatic(GLUE, "onCatch", ON_CATCH);
                        pastCheck.put(target.label(), b.newBoundLabel());
                    }
                }
                case ExceptionCatch handler -> catchThroughStub(b, handler);
                case Instruction jump when Branches.targets(jump).stream().anyMatch(bound::contains) -> {
                    b.invokestatic(GLUE, "enter", VOID); // a back-edge
                    b.with(jump);
                }
                case InvokeInstruction invoke -> invoke(b, invoke, index);
                case FieldInstruction field when field.opcode() == Opcode.GETSTATIC -> getstatic(b, field);
                case NewObjectInstruction allocation -> {
                    String type = allocation.className().asInternalName();
                    pendingNew.push(type);
                    FileConstructors.replacement(type).ifPresentOrElse(b::new_, () -> b.with(element));
                }
                case NewPrimitiveArrayInstruction array -> newArray(b, element, shift(array.typeKind()), constant);
                case NewReferenceArrayInstruction array -> newArray(b, element, 2, constant);
                case NewMultiArrayInstruction array -> newMultiArray(b, array);
                case MonitorInstruction monitor when monitor.opcode() == Opcode.MONITORENTER -> {
                    if (!privateObjects.get(index)) {
                        // checked on a copy: HotSpot pairs a monitorexit with its monitorenter by
                        // where the object came from, and finds no pair for checkMonitor's result
                        // (the JIT then never compiles the method)
                        b.dup().invokestatic(CALLS, "checkMonitor", CHECK_MONITOR).pop();
                    }
                    b.with(element);
                }
                case InvokeDynamicInstruction indy -> invokedynamic(b, indy);
                default -> b.with(element);
            }
        }

        @Override
        public void atEnd(CodeBuilder b) {
            // after the method's own code, so no handler of the method covers the stubs
            stubs.forEach((stub, label) -> {
                b.labelBinding(label);
                b.dup().invokestatic(GLUE, "onCatch", ON_CATCH);
                List<Instruction> release = handlers.monitorRelease(stub.handler());
                if (release != null) {
                    // a copy, not a jump: C1 compiles no method whose handler a jump also reaches.
                    // javac's code never runs it (the release's own range covers only the release,
                    // which cannot throw while the lock is held); in forged code, what it throws
                    // leaves the method.
                    release.forEach(b::with);
                } else {
                    b.goto_(pastCheck.getOrDefault(stub.handler(), stub.handler()));
                }
            });
        }

        private void catchThroughStub(CodeBuilder b, ExceptionCatch handler) {
            if (handlers.entersDirectly(handler)) {
                b.with(handler);
                return;
            }
            Label stub = stubs.computeIfAbsent(new Stub(handler.handler(), handler.catchType()), key -> b.newLabel());
            b.exceptionCatch(handler.tryStart(), handler.tryEnd(), stub, handler.catchType());
        }

        private void invoke(CodeBuilder b, InvokeInstruction invoke, int index) {
            String owner = invoke.owner().asInternalName();
            String name = invoke.name().stringValue();
            String descriptor = invoke.type().stringValue();
            if (invoke.opcode() == Opcode.INVOKESPECIAL && name.equals("<init>")) {
                String named = owner.equals("java/lang/Thread") ? NAMED_THREAD_CONSTRUCTORS.get(descriptor) : null;
                if (named != null) {
                    // java names it "Thread-N" from a JVM-wide counter; the SIP numbers its own threads
                    b.invokestatic(GLUE, "context", CONTEXT).invokestatic(CALLS, "threadName", THREAD_NAME);
                    b.invokespecial(invoke.owner().asSymbol(), "<init>", MethodTypeDesc.ofDescriptor(named));
                } else if (!FileConstructors.rewrite(b, owner, descriptor, ofNew(owner))
                        && !PoolConstructors.rewrite(b, owner, descriptor)) {
                    b.with(invoke);
                }
                if (ofNew(owner)) {
                    pendingNew.pop();
                    constructed(b, owner);
                }
                return;
            }
            var declaring = hierarchy.resolveMethod(owner, name, descriptor);
            if (declaring.isPresent() && !declaring.get().program()) {
                var redirect = invoke.opcode() == Opcode.INVOKESPECIAL
                        ? Redirects.superCall(hierarchy, declaring.get().name(), name, descriptor)
                        : Redirects.method(hierarchy, owner, declaring.get().name(), name, descriptor);
                // wait, notify and identityHashCode on an object the SIP's own need not be checked
                if (redirect.isPresent() && !(privateObjects.get(index) && Redirects.isIdentityCheck(redirect.get()))) {
                    callRedirect(b, redirect.get());
                    return;
                }
            }
            b.with(invoke);
        }

        /** Whether a constructor of {@code owner} initializes the object of the last {@code new} (not a {@code super(...)}). */
        private boolean ofNew(String owner) {
            return !pendingNew.isEmpty() && pendingNew.peek().equals(owner);
        }

        /** After {@code new T; dup; ...; invokespecial T.<init>} the new object is on top of the stack. */
        private void constructed(CodeBuilder b, String type) {
            if (hierarchy.isSubtype(type, "java/lang/Thread")) {
                b.dup().invokestatic(GLUE, "context", CONTEXT).invokestatic(CALLS, "adopt", ADOPT_THREAD);
            } else if (hierarchy.isSubtype(type, "java/util/concurrent/ExecutorService")) {
                b.dup().invokestatic(GLUE, "context", CONTEXT).invokestatic(CALLS, "adopt", ADOPT_EXECUTOR);
            }
        }

        private void getstatic(CodeBuilder b, FieldInstruction field) {
            var declaring = hierarchy.resolveField(field.owner().asInternalName(), field.name().stringValue());
            if (declaring.isPresent()) {
                var redirect = Redirects.staticField(declaring.get().name(), field.name().stringValue());
                if (redirect.isPresent()) {
                    callRedirect(b, redirect.get());
                    return;
                }
            }
            b.with(field);
        }

        private void newArray(CodeBuilder b, CodeElement allocation, int shift, Object constantBefore) {
            // a length written in the code below the threshold needs no announcement: arrayRequest
            // would do nothing, and the call would cost an array literal's class initialiser 4 bytes
            // a row (commons-math3's FastMathLiteralArrays then outgrows the 64 KiB of a method)
            if (!(constantBefore instanceof Integer length && length >= 0
                    && length <= (SipGlue.LARGE_ARRAY_BYTES >> shift))) {
                b.loadConstant(shift).invokestatic(GLUE, "arrayRequest", ARRAY_REQUEST);
            }
            b.with(allocation);
        }

        /**
         * Before {@code multianewarray}: its counts, as an {@code int[]}, and the element size of
         * its innermost level are announced, so that one instruction cannot fill the heap (the
         * JVM allocates all of it inside the instruction, where no kill can reach the thread).
         * The counts are kept in locals meanwhile; such sites are rare, so the small array costs
         * nothing that matters.
         */
        private void newMultiArray(CodeBuilder b, NewMultiArrayInstruction array) {
            int dimensions = array.dimensions();
            ClassDesc leaf = array.arrayType().asSymbol();
            for (int i = 0; i < dimensions; i++) {
                leaf = leaf.componentType();
            }
            int[] counts = new int[dimensions];
            for (int i = dimensions - 1; i >= 0; i--) {
                counts[i] = b.allocateLocal(TypeKind.INT);
                b.istore(counts[i]);
            }
            b.loadConstant(dimensions).newarray(TypeKind.INT);
            for (int i = 0; i < dimensions; i++) {
                b.dup().loadConstant(i).iload(counts[i]).iastore();
            }
            b.loadConstant(leaf.isPrimitive() ? shift(TypeKind.from(leaf)) : 2);
            b.invokestatic(GLUE, "multiArrayRequest", MULTI_ARRAY_REQUEST);
            for (int count : counts) {
                b.iload(count);
            }
            b.with(array);
        }

        /** Method references to redirected JDK methods point at the SIP's own version instead. */
        private void invokedynamic(CodeBuilder b, InvokeDynamicInstruction indy) {
            List<ConstantDesc> arguments = indy.bootstrapArgs();
            List<ConstantDesc> rewritten = new ArrayList<>(arguments.size());
            boolean changed = false;
            for (ConstantDesc argument : arguments) {
                ConstantDesc replacement = argument;
                if (argument instanceof DirectMethodHandleDesc handle) {
                    replacement = redirectedHandle(handle);
                }
                changed |= replacement != argument;
                rewritten.add(replacement);
            }
            if (!changed) {
                b.with(indy);
                return;
            }
            b.invokedynamic(DynamicCallSiteDesc.of(indy.bootstrapMethod(), indy.name().stringValue(),
                    indy.typeSymbol(), rewritten.toArray(ConstantDesc[]::new)));
        }

        private ConstantDesc redirectedHandle(DirectMethodHandleDesc handle) {
            if (!Redirects.rewritesHandle(handle.kind())) {
                return handle; // SipRules refused it if it names a redirected member
            }
            // the SIP's version takes its context too: the reference points at a bridge in this
            // class that passes it (a lambda body could not reach SipGlue.context() otherwise)
            return Redirects.ofHandle(hierarchy, handle)
                    .<ConstantDesc>map(t -> MethodHandleDesc.ofMethod(
                            isInterface ? DirectMethodHandleDesc.Kind.INTERFACE_STATIC : DirectMethodHandleDesc.Kind.STATIC,
                            self, bridges.computeIfAbsent(t, key -> "singj$redirect$" + key.name() + "$" + bridges.size()),
                            t.type()))
                    .orElse(handle);
        }
    }

    /**
     * Whether {@code code} can run program code: a method that cannot is never part of a
     * recursion, runs its loops under their own checks, and so needs no check on entry (a record's
     * accessors and constructor, getters, small arithmetic). Any call or bootstrap counts, even
     * into the JDK, which can call back (a comparator, {@code toString} in a string concatenation);
     * only the root constructors cannot.
     */
    private static boolean mayCallProgram(CodeModel code) {
        for (CodeElement element : code) {
            switch (element) {
                case InvokeInstruction invoke when invoke.opcode() == Opcode.INVOKESPECIAL
                        && invoke.name().equalsString("<init>")
                        && ROOT_CONSTRUCTORS.contains(invoke.owner().asInternalName()) -> { }
                case InvokeInstruction _, InvokeDynamicInstruction _ -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    private static int shift(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN, BYTE -> 0;
            case CHAR, SHORT -> 1;
            case INT, FLOAT -> 2;
            default -> 3;
        };
    }
}
