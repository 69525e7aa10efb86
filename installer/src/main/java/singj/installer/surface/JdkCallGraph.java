package singj.installer.surface;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which overridable methods of the JDK its own code calls, and from which members: what makes
 * a program's override of a JDK method reachable (a callback) only when the JDK code that calls
 * it is. Written to {@code jdk-FEATURE.callbacks} beside the surface, read by {@link JdkCallbacks}.
 *
 * <p>The graph has a node per JDK method with code and per signature ({@code name+descriptor}):
 * a method leads to what it calls directly (static, constructor, super and private calls, the
 * body of a lambda it makes) and to the signatures it calls virtually or through an interface
 * (and names by a method reference); a signature leads to every JDK method with it, since the
 * receiver may be any object. A signature a program's class can override is a callback once a
 * node that reaches it is reached.
 *
 * <p>The <b>base</b> is what every program reaches, whatever it calls: what the JVM calls by
 * itself (a thread's {@code run}, its uncaught exceptions, a virtual thread's continuation),
 * what the kernel calls on a SIP's objects (printing an uncaught exception; interrupting its
 * threads and stopping its executors, which the base reaches anyway: JdkCallbacksTest), and the
 * {@code Object} methods that the bootstraps javac uses call through method handles, which
 * no bytecode shows ({@code toString} for string concatenation, {@code toString},
 * {@code hashCode} and {@code equals} for records and pattern switches). Every callback the
 * base reaches counts for every program and is not written; the file names the others, each
 * with the members and signatures from which the JDK's code reaches it. About a third of the
 * JDK's methods are outside the base, and {@code parallelStream} is among their callbacks.
 */
final class JdkCallGraph {
    private static final List<String> BASE_SIGNATURES = List.of("toString()Ljava/lang/String;", "hashCode()I",
            "equals(Ljava/lang/Object;)Z");
    private static final List<String> BASE_METHODS = List.of(
            "java/lang/Thread.run()V", // the JVM starts every thread here (Thread.start0)
            "java/lang/Thread.exit()V", // and ends it here
            "java/lang/Thread.dispatchUncaughtException(Ljava/lang/Throwable;)V",
            "jdk/internal/vm/Continuation.enter(Ljdk/internal/vm/Continuation;Z)V", // a virtual thread's body (enterSpecial)
            "java/lang/Throwable.printStackTrace(Ljava/io/PrintStream;)V"); // the kernel's UncaughtPrinter

    private final JdkClasses jdk;
    /** Method key to the methods it calls directly. */
    private final Map<String, Set<String>> direct = new HashMap<>();
    /** Method key to the signatures it calls virtually. */
    private final Map<String, Set<String>> virtual = new HashMap<>();
    /** Signature to the JDK's instance methods with it that have code. */
    private final Map<String, List<String>> implementations = new HashMap<>();

    JdkCallGraph(JdkClasses jdk) {
        this.jdk = jdk;
        for (ClassModel model : jdk.all()) {
            String owner = model.thisClass().asInternalName();
            for (MethodModel method : model.methods()) {
                if (method.code().isEmpty()) {
                    continue;
                }
                String signature = method.methodName().stringValue() + method.methodType().stringValue();
                String key = owner + "." + signature;
                if (isDispatched(method)) {
                    implementations.computeIfAbsent(signature, s -> new ArrayList<>()).add(key);
                }
                Set<String> calls = new LinkedHashSet<>();
                Set<String> signatures = new LinkedHashSet<>();
                for (CodeElement element : method.code().get()) {
                    scan(element, calls, signatures);
                }
                direct.put(key, calls);
                virtual.put(key, signatures);
            }
        }
    }

    private void scan(CodeElement element, Set<String> calls, Set<String> signatures) {
        switch (element) {
            case InvokeInstruction invoke -> {
                String owner = invoke.owner().asInternalName();
                String signature = invoke.name().stringValue() + invoke.type().stringValue();
                switch (invoke.opcode()) {
                    case INVOKESTATIC, INVOKESPECIAL -> jdk.resolve(owner, signature).ifPresent(calls::add);
                    default -> {
                        String target = jdk.resolve(owner, signature).orElse(null);
                        if (target != null && jdk.method(target).map(m -> m.flags().has(AccessFlag.PRIVATE)).orElse(false)) {
                            calls.add(target); // a nestmate's private method: no dispatch
                        } else {
                            signatures.add(signature);
                        }
                    }
                }
            }
            case InvokeDynamicInstruction indy -> {
                for (var argument : indy.invokedynamic().bootstrap().arguments()) {
                    if (argument instanceof MethodHandleEntry handle) {
                        named(handle.asSymbol(), calls, signatures);
                    }
                }
                if (!indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/invoke/LambdaMetafactory;")) {
                    signatures.addAll(BASE_SIGNATURES); // what the other bootstraps call through handles
                }
            }
            default -> { }
        }
    }

    /** A lambda's body or a method reference among a bootstrap's arguments. */
    private void named(DirectMethodHandleDesc handle, Set<String> calls, Set<String> signatures) {
        String owner = handle.owner().descriptorString();
        if (!owner.startsWith("L")) {
            return;
        }
        owner = owner.substring(1, owner.length() - 1);
        switch (handle.kind()) {
            case VIRTUAL, INTERFACE_VIRTUAL -> signatures.add(handle.methodName() + handle.lookupDescriptor());
            case CONSTRUCTOR -> jdk.resolve(owner, "<init>" + handle.lookupDescriptor()).ifPresent(calls::add);
            case STATIC, INTERFACE_STATIC, SPECIAL, INTERFACE_SPECIAL ->
                    jdk.resolve(owner, handle.methodName() + handle.lookupDescriptor()).ifPresent(calls::add);
            default -> { } // a field's getter or setter
        }
    }

    /** Whether a virtual call of the method's signature may run it. */
    private static boolean isDispatched(MethodModel method) {
        var flags = method.flags();
        return !flags.has(AccessFlag.STATIC) && !flags.has(AccessFlag.PRIVATE) && !method.methodName().stringValue().startsWith("<");
    }

    /** Every signature a program's class can override: a public or protected instance method of a type it can extend. */
    private Set<String> overridable() {
        Set<String> result = new HashSet<>();
        for (ClassModel model : jdk.all()) {
            if (!SurfaceFile.isApiPackage(model.thisClass().asInternalName()) || !model.flags().has(AccessFlag.PUBLIC)
                    || model.flags().has(AccessFlag.FINAL)) {
                continue;
            }
            for (MethodModel method : model.methods()) {
                var flags = method.flags();
                if (isDispatched(method) && !flags.has(AccessFlag.FINAL)
                        && (flags.has(AccessFlag.PUBLIC) || flags.has(AccessFlag.PROTECTED))) {
                    result.add(method.methodName().stringValue() + method.methodType().stringValue());
                }
            }
        }
        return result;
    }

    /**
     * The classes whose public and protected methods a program can call: the public classes of
     * exported packages and every class above them ({@code StringBuilder.append} is declared by
     * {@code AbstractStringBuilder}).
     */
    private Set<String> exposed() {
        Set<String> result = new HashSet<>();
        for (ClassModel model : jdk.all()) {
            String name = model.thisClass().asInternalName();
            if (SurfaceFile.isApiPackage(name) && model.flags().has(AccessFlag.PUBLIC)) {
                result.addAll(jdk.supertypes(name));
            }
        }
        return result;
    }

    private boolean isAccessible(String methodKey, Set<String> exposed) {
        return exposed.contains(methodKey.substring(0, methodKey.indexOf('.'))) && jdk.method(methodKey)
                .map(m -> m.flags().has(AccessFlag.PUBLIC) || m.flags().has(AccessFlag.PROTECTED)).orElse(false);
    }

    /** The text of {@code jdk-FEATURE.callbacks} (see {@link JdkCallbacks} for its lines). */
    String render(String jdkVersion) {
        // the base: methods and signatures every program reaches
        Set<String> baseMethods = new HashSet<>();
        Set<String> baseSignatures = new HashSet<>();
        closure(BASE_METHODS, BASE_SIGNATURES, baseMethods, baseSignatures);
        List<String> callbacks = new ArrayList<>(new TreeSet<>(overridable()));
        callbacks.removeAll(baseSignatures);
        Map<String, Integer> callbackIds = new HashMap<>();
        for (int i = 0; i < callbacks.size(); i++) {
            callbackIds.put(callbacks.get(i), i);
        }
        // the rest of the graph, nodes numbered: methods first, then signatures
        List<String> nodes = new ArrayList<>();
        Map<String, Integer> methodIds = new HashMap<>();
        Map<String, Integer> signatureIds = new HashMap<>();
        for (String method : new TreeSet<>(direct.keySet())) {
            if (!baseMethods.contains(method)) {
                methodIds.put(method, nodes.size());
                nodes.add(method);
            }
        }
        Set<String> signatures = new TreeSet<>(implementations.keySet());
        signatures.addAll(callbacks);
        virtual.values().forEach(signatures::addAll);
        signatures.removeAll(baseSignatures);
        int firstSignature = nodes.size();
        for (String signature : signatures) {
            signatureIds.put(signature, nodes.size());
            nodes.add(signature);
        }
        int[][] successors = new int[nodes.size()][];
        for (int node = 0; node < nodes.size(); node++) {
            Set<Integer> next = new TreeSet<>();
            String name = nodes.get(node);
            if (node < firstSignature) {
                direct.get(name).stream().map(methodIds::get).filter(id -> id != null).forEach(next::add);
                virtual.get(name).stream().map(signatureIds::get).filter(id -> id != null).forEach(next::add);
            } else {
                implementations.getOrDefault(name, List.of()).stream().map(methodIds::get).filter(id -> id != null)
                        .forEach(next::add);
            }
            successors[node] = next.stream().mapToInt(Integer::intValue).toArray();
        }
        BitSet[] reached = reachedCallbacks(nodes, firstSignature, successors, callbackIds);
        // what a program can call: accessible methods, and the signatures they have
        Set<String> exposed = exposed();
        Set<String> callable = new HashSet<>();
        for (String method : direct.keySet()) {
            if (isAccessible(method, exposed)) {
                callable.add(method);
                callable.add(method.substring(method.indexOf('.') + 1));
            }
        }
        for (ClassModel model : jdk.all()) { // abstract methods too: an interface's is called virtually
            String owner = model.thisClass().asInternalName();
            for (MethodModel method : model.methods()) {
                String signature = method.methodName().stringValue() + method.methodType().stringValue();
                if (isDispatched(method) && isAccessible(owner + "." + signature, exposed)) {
                    callable.add(signature);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# Which overridable JDK methods the JDK's own code calls back, and from where; made by ./singj jdk-surface\n");
        out.append("# (docs/sealing.md): do not edit. A callback not listed is called by JDK code that every program reaches\n");
        out.append("# (toString, hashCode, equals, a thread's run, printing an exception). 'callback N SIGNATURE' numbers the\n");
        out.append("# others; 'call METHOD N...' and 'virtual SIGNATURE N...' give those the JDK's code reaches from a member a\n");
        out.append("# program calls directly, or from a signature it calls virtually.\n");
        out.append("jdk ").append(jdkVersion).append('\n');
        for (int i = 0; i < callbacks.size(); i++) {
            out.append("callback ").append(i).append(' ').append(callbacks.get(i)).append('\n');
        }
        for (int node = 0; node < nodes.size(); node++) {
            boolean isSignature = node >= firstSignature;
            if (reached[node].isEmpty() || !callable.contains(nodes.get(node))) {
                continue;
            }
            out.append(isSignature ? "virtual " : "call ").append(nodes.get(node));
            reached[node].stream().forEach(id -> out.append(' ').append(id));
            out.append('\n');
        }
        return out.toString();
    }

    /** For each node, the callbacks it reaches: over the graph's strongly connected components, in one pass. */
    private static BitSet[] reachedCallbacks(List<String> nodes, int firstSignature, int[][] successors,
                                             Map<String, Integer> callbackIds) {
        int[] component = components(successors);
        int count = Arrays.stream(component).max().orElse(-1) + 1;
        BitSet[] byComponent = new BitSet[count];
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            byComponent[c] = new BitSet();
            members.add(new ArrayList<>());
        }
        for (int node = 0; node < nodes.size(); node++) {
            members.get(component[node]).add(node);
            Integer callback = node >= firstSignature ? callbackIds.get(nodes.get(node)) : null;
            if (callback != null) {
                byComponent[component[node]].set(callback);
            }
        }
        // Tarjan numbers a component after every component it reaches: ascending order is bottom-up
        for (int c = 0; c < count; c++) {
            for (int node : members.get(c)) {
                for (int next : successors[node]) {
                    if (component[next] != c) {
                        byComponent[c].or(byComponent[component[next]]);
                    }
                }
            }
        }
        BitSet[] result = new BitSet[nodes.size()];
        for (int node = 0; node < nodes.size(); node++) {
            result[node] = byComponent[component[node]];
        }
        return result;
    }

    /** Tarjan's strongly connected components, without recursion (the JDK's call chains are deep). */
    private static int[] components(int[][] successors) {
        int n = successors.length;
        int[] index = new int[n];
        int[] low = new int[n];
        int[] component = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int stackTop = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int next = 0;
        int components = 0;
        for (int start = 0; start < n; start++) {
            if (index[start] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[depth] = start;
            callEdge[depth++] = 0;
            index[start] = low[start] = next++;
            stack[stackTop++] = start;
            onStack[start] = true;
            while (depth > 0) {
                int node = callNode[depth - 1];
                if (callEdge[depth - 1] < successors[node].length) {
                    int to = successors[node][callEdge[depth - 1]++];
                    if (index[to] < 0) {
                        index[to] = low[to] = next++;
                        stack[stackTop++] = to;
                        onStack[to] = true;
                        callNode[depth] = to;
                        callEdge[depth++] = 0;
                    } else if (onStack[to]) {
                        low[node] = Math.min(low[node], index[to]);
                    }
                } else {
                    depth--;
                    if (depth > 0) {
                        int caller = callNode[depth - 1];
                        low[caller] = Math.min(low[caller], low[node]);
                    }
                    if (low[node] == index[node]) {
                        int member;
                        do {
                            member = stack[--stackTop];
                            onStack[member] = false;
                            component[member] = components;
                        } while (member != node);
                        components++;
                    }
                }
            }
        }
        return component;
    }

    /** Adds to {@code methods} and {@code signatures} all that the JDK's code reaches from the given ones. */
    void closure(List<String> fromMethods, List<String> fromSignatures, Set<String> methods, Set<String> signatures) {
        Deque<String> methodWork = new ArrayDeque<>();
        Deque<String> signatureWork = new ArrayDeque<>();
        for (String method : fromMethods) {
            if (!direct.containsKey(method)) {
                throw new IllegalStateException("the JDK has no method " + method + " with code: JdkCallGraph's base is stale");
            }
            if (methods.add(method)) {
                methodWork.add(method);
            }
        }
        for (String signature : fromSignatures) {
            if (signatures.add(signature)) {
                signatureWork.add(signature);
            }
        }
        while (!methodWork.isEmpty() || !signatureWork.isEmpty()) {
            if (!signatureWork.isEmpty()) {
                for (String method : implementations.getOrDefault(signatureWork.poll(), List.of())) {
                    if (methods.add(method)) {
                        methodWork.add(method);
                    }
                }
                continue;
            }
            String method = methodWork.poll();
            for (String callee : direct.get(method)) {
                if (direct.containsKey(callee) && methods.add(callee)) {
                    methodWork.add(callee);
                }
            }
            for (String signature : virtual.get(method)) {
                if (signatures.add(signature)) {
                    signatureWork.add(signature);
                }
            }
        }
    }
}
