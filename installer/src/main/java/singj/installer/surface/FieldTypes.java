package singj.installer.surface;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.reflect.AccessFlag;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each JDK field can hold: the classes of the objects JDK code ever stores into it, one set
 * per field for the whole JDK (field type analysis, as XTA does it), so that a virtual call on a
 * value read from a field runs only the overrides of those classes, not of every class the JDK
 * creates below the field's type.
 *
 * <p>A value stored is followed to where it was made: a {@code new}, a constant, another field,
 * what the called methods return, a parameter (then what every JDK call site passes there), the
 * method's {@code this} (the created classes whose instances run that method). One fixed point over
 * all of it: sets only grow. A value that may be anything is <em>unknown</em>, and a field that may
 * hold one keeps every class the JDK creates below its type, as before:
 * <ul>
 * <li>a parameter of a method code outside the JDK may call: public and protected methods, a
 *     package-private one a SIP's subclass may inherit, one no bytecode of the JDK calls (the VM's
 *     up-calls, reflection), one named by a method handle constant (lambda bodies, bootstraps) or,
 *     by its name, in a string constant (reflective lookups);</li>
 * <li>what a call returns when its receiver may be an object of the SIP (a SIP's override returns
 *     whatever it likes) or is unknown; what a native or unknown method returns; an array element,
 *     a value after a merge of different origins;</li>
 * <li>a field some code may write other than by {@code putfield}/{@code putstatic}: one whose name is
 *     a string constant in its own class's nest or in a method that names its class (a
 *     {@code VarHandle}, {@code Unsafe} offset, field updater or reflective lookup), one named by a
 *     method handle constant, a field of a class the VM's natives are handed (they may write it),
 *     and one no bytecode writes.</li>
 * </ul>
 *
 * <p>A value that may be a SIP's object (the {@code this} of a method a SIP's class may inherit)
 * holds, besides the JDK's classes, the public JDK classes and interfaces that SIP class may extend
 * (and {@code Object}): a call on it runs the SIP's override, its own code as everywhere in the
 * analysis, or the JDK method it inherits, which is followed; what such a call returns is unknown. Objects the JDK makes
 * without {@code new} (reflection, deserialisation, {@code Unsafe.allocateInstance}) are outside
 * rapid type analysis everywhere: deserialisation, which also writes fields reflectively, loads
 * classes by name and is refused as a sink wherever it is reached.
 */
final class FieldTypes {
    private final SurfaceAnalysis analysis;
    private final JdkClasses jdk;
    private final List<String> classNames = new ArrayList<>();
    private final Map<String, Integer> classIds = new HashMap<>();

    // ---- the value nodes: fields, parameters, returns, the result of each call
    private final Map<String, Integer> fieldNodes = new HashMap<>();
    private final Map<String, Integer> returnNodes = new HashMap<>();
    private final Map<MethodScan.Call, Integer> resultNodes = new IdentityHashMap<>();
    private final Map<String, int[]> paramNodes = new HashMap<>();
    private final List<BitSet> sets = new ArrayList<>();
    private final BitSet unknown = new BitSet();
    private final BitSet mayBeSips = new BitSet();
    /**
     * Edges, source node in the high half: the source's classes flow into the target; or, marked
     * {@link #SIP_EDGE}, the target is unknown once the source may be a SIP's object or is unknown.
     */
    private final LongList edges = new LongList();
    private static final long SIP_EDGE = 1L << 31;

    // ---- what reflection and the VM may reach
    private final Set<String> reflectiveFields = new HashSet<>();
    private final Set<String> namedMethods = new HashSet<>();
    private final Set<String> strings = new HashSet<>();
    /** Classes named (by a class constant) in a method that finds or runs a constructor reflectively. */
    private final Set<String> reflectiveClasses = new HashSet<>();
    /**
     * Each class or interface to the public ones at or below it that are not final: a SIP's class
     * may extend or implement one of those, so a SIP's object may be an instance of the key.
     */
    private final Map<String, List<String>> sipMayExtend = new HashMap<>();
    private final Set<String> calledByBytecode = new HashSet<>();
    private final Map<String, BitSet> receivers = new HashMap<>();
    private final Map<String, Set<String>> answers = new HashMap<>();
    private final Map<String, String> resolved = new HashMap<>();

    FieldTypes(SurfaceAnalysis analysis) {
        this.analysis = analysis;
        this.jdk = analysis.jdk();
        analysis.instantiatedBelow("java/lang/Object").forEach(this::classId);
        readNames();
        index();
        solve();
    }

    /**
     * The classes of the objects {@code field} ({@code owner.name}, as an instruction names it) can
     * hold, sorted, or null when that is not known (every class below its type).
     */
    Set<String> classes(String field) {
        return answers.computeIfAbsent(field, f -> {
            String key = resolve(f);
            Integer node = key == null ? null : fieldNodes.get(key);
            if (node == null || unknown.get(node)) {
                return null;
            }
            Set<String> names = new TreeSet<>();
            BitSet set = sets.get(node);
            for (int c = set.nextSetBit(0); c >= 0; c = set.nextSetBit(c + 1)) {
                names.add(classNames.get(c));
            }
            return names;
        });
    }

    private int classId(String name) {
        Integer known = classIds.get(name);
        if (known != null) {
            return known;
        }
        classIds.put(name, classNames.size());
        classNames.add(name);
        return classNames.size() - 1;
    }

    /** A field as the JVM resolves it: the class that declares it, or null outside the JDK. */
    private String resolve(String field) {
        return resolved.computeIfAbsent(field, f -> {
            int dot = f.lastIndexOf('.');
            String name = f.substring(dot + 1);
            return jdk.fieldOwner(f.substring(0, dot), name).map(owner -> owner + "." + name).orElse("");
        }).transform(key -> key.isEmpty() ? null : key);
    }

    // ---- reading what reflection, method handles and natives can name

    private void readNames() {
        Map<String, Set<String>> namedWith = new HashMap<>();
        for (ClassModel model : jdk.all()) {
            String owner = model.thisClass().asInternalName();
            if (model.flags().has(AccessFlag.PUBLIC) && !model.flags().has(AccessFlag.FINAL)) {
                for (String above : jdk.supertypes(owner)) {
                    sipMayExtend.computeIfAbsent(above, k -> new ArrayList<>()).add(owner);
                }
            }
            for (MethodModel method : model.methods()) {
                if (method.flags().has(AccessFlag.NATIVE)) {
                    nativeSees(owner, method);
                }
                if (method.code().isEmpty()) {
                    continue;
                }
                Set<String> named = new HashSet<>();
                Set<String> classesNamed = new HashSet<>();
                boolean constructs = false;
                for (CodeElement element : method.code().get()) {
                    if (element instanceof java.lang.classfile.instruction.InvokeInstruction invoke) {
                        constructs |= constructsReflectively(invoke.owner().asInternalName(), invoke.name().stringValue());
                    } else if (element instanceof ConstantInstruction.LoadConstantInstruction ldc) {
                        constant(ldc.constantEntry(), named, classesNamed);
                    } else if (element instanceof InvokeDynamicInstruction indy) {
                        bootstrap(indy.invokedynamic().bootstrap().bootstrapMethod(),
                                indy.invokedynamic().bootstrap().arguments(), named, classesNamed);
                    }
                }
                strings.addAll(named);
                if (constructs) {
                    reflectiveClasses.addAll(classesNamed);
                }
                if (!named.isEmpty()) {
                    namedWith.computeIfAbsent(nest(owner), k -> new HashSet<>()).addAll(named);
                    for (String type : classesNamed) {
                        // a field is found by name in the class named and in those above it
                        for (String above : jdk.supertypes(type)) {
                            namedWith.computeIfAbsent(above, k -> new HashSet<>()).addAll(named);
                        }
                    }
                }
            }
        }
        for (ClassModel model : jdk.all()) {
            String owner = model.thisClass().asInternalName();
            Set<String> byNest = namedWith.getOrDefault(nest(owner), Set.of());
            Set<String> byClass = namedWith.getOrDefault(owner, Set.of());
            for (FieldModel field : model.fields()) {
                String name = field.fieldName().stringValue();
                if (byNest.contains(name) || byClass.contains(name)) {
                    reflectiveFields.add(owner + "." + name);
                }
            }
        }
    }

    /** Whether a call finds or runs a constructor by reflection or a method handle. */
    private static boolean constructsReflectively(String owner, String name) {
        return owner.equals("java/lang/Class") && (name.startsWith("getDeclaredConstructor") || name.startsWith("getConstructor")
                || name.equals("newInstance"))
                || owner.equals("java/lang/invoke/MethodHandles$Lookup") && (name.equals("findConstructor")
                || name.equals("unreflectConstructor"))
                || owner.startsWith("jdk/internal/reflect/");
    }

    /** The class a nest is named by: a nested class's outermost class (by its name). */
    private static String nest(String owner) {
        int dollar = owner.indexOf('$');
        return dollar < 0 ? owner : owner.substring(0, dollar);
    }

    private void constant(LoadableConstantEntry entry, Set<String> named, Set<String> classesNamed) {
        switch (entry) {
            case StringEntry s -> named.add(s.stringValue());
            case ClassEntry c -> {
                String name = c.asInternalName();
                if (!name.startsWith("[")) {
                    classesNamed.add(name);
                }
            }
            case MethodHandleEntry handle -> handle(handle);
            case ConstantDynamicEntry dynamic -> bootstrap(dynamic.bootstrap().bootstrapMethod(),
                    dynamic.bootstrap().arguments(), named, classesNamed);
            default -> { }
        }
    }

    private void bootstrap(MethodHandleEntry method, List<LoadableConstantEntry> arguments, Set<String> named,
                           Set<String> classesNamed) {
        handle(method);
        for (LoadableConstantEntry argument : arguments) {
            constant(argument, named, classesNamed);
        }
    }

    /** A method handle constant: the method it runs takes arguments from anyone; the field it writes, anything. */
    private void handle(MethodHandleEntry handle) {
        var member = handle.reference();
        String owner = member.owner().asInternalName();
        String name = member.name().stringValue();
        if (handle.kind() <= java.lang.invoke.MethodHandleInfo.REF_putStatic) {
            jdk.fieldOwner(owner, name).ifPresent(declaring -> reflectiveFields.add(declaring + "." + name));
        } else {
            String type = member.type().stringValue();
            jdk.resolve(owner, name + type).ifPresent(namedMethods::add);
            namedMethods.add(owner + "." + name + type);
        }
    }

    /** The VM's natives may write the fields of the objects they are handed: every field of those classes and above. */
    private void nativeSees(String owner, MethodModel method) {
        List<String> types = new ArrayList<>(List.of(owner));
        for (ClassDesc parameter : method.methodTypeSymbol().parameterList()) {
            if (parameter.isClassOrInterface() && !parameter.equals(java.lang.constant.ConstantDescs.CD_Object)) {
                String descriptor = parameter.descriptorString();
                types.add(descriptor.substring(1, descriptor.length() - 1));
            }
        }
        for (String type : types) {
            for (String above : jdk.supertypes(type)) {
                jdk.get(above).ifPresent(model -> model.fields().forEach(
                        f -> reflectiveFields.add(above + "." + f.fieldName().stringValue())));
            }
        }
    }

    // ---- the constraints

    private int node() {
        sets.add(new BitSet());
        return sets.size() - 1;
    }

    private int fieldNode(String key) {
        Integer known = fieldNodes.get(key);
        if (known == null) {
            known = node();
            fieldNodes.put(key, known);
            if (reflectiveFields.contains(key)) {
                unknown.set(known);
            }
        }
        return known;
    }

    private int returnNode(String method) {
        Integer known = returnNodes.get(method);
        if (known == null) {
            known = node();
            returnNodes.put(method, known);
        }
        return known;
    }

    /** The node of a parameter, or -1 where code outside the JDK may pass anything there. */
    private int paramNode(String method, int index) {
        int[] nodes = paramNodes.get(method);
        if (nodes == null) {
            int count = java.lang.constant.MethodTypeDesc.ofDescriptor(method.substring(method.indexOf('('))).parameterCount();
            nodes = new int[count];
            Arrays.fill(nodes, fromOutside(method) ? -1 : -2);
            paramNodes.put(method, nodes);
        }
        if (index >= nodes.length) {
            return -1; // a signature-polymorphic call: its arguments are packed into an array
        }
        if (nodes[index] == -2) {
            nodes[index] = node();
        }
        return nodes[index];
    }

    private void copy(int from, int to) {
        edges.add(((long) from << 32) | to);
    }

    private void unknownIfSip(int from, int to) {
        edges.add(((long) from << 32) | to | SIP_EDGE);
    }

    private void index() {
        Map<String, MethodScan.Facts> facts = analysis.facts();
        for (MethodScan.Facts f : facts.values()) {
            for (MethodScan.Call call : f.calls()) {
                calledByBytecode.addAll(analysis.targets(call));
            }
        }
        Set<String> stored = new HashSet<>();
        for (var entry : facts.entrySet()) {
            String method = entry.getKey();
            MethodScan.Facts f = entry.getValue();
            for (var store : f.fieldStores().entrySet()) {
                String key = resolve(store.getKey());
                if (key == null) {
                    continue;
                }
                stored.add(key);
                int node = fieldNode(key);
                for (String atom : store.getValue()) {
                    flow(atom, method, f, node);
                }
            }
            if (f.returnAtoms() == null) {
                unknown.set(returnNode(method));
            } else {
                for (String atom : f.returnAtoms()) {
                    flow(atom, method, f, returnNode(method));
                }
            }
            for (MethodScan.Call call : f.calls()) {
                String[] atoms = call.argumentAtoms();
                if (atoms.length == 0) {
                    continue;
                }
                var type = java.lang.constant.MethodTypeDesc.ofDescriptor(
                        call.nameAndType().substring(call.nameAndType().indexOf('(')));
                for (String target : analysis.targets(call)) {
                    for (int i = 0; i < atoms.length && i < type.parameterCount(); i++) {
                        int param = type.parameterType(i).isPrimitive() ? -1 : paramNode(target, i);
                        if (param >= 0) {
                            flow(atoms[i], method, f, param);
                        }
                    }
                }
            }
        }
        fieldNodes.forEach((key, node) -> {
            if (!stored.contains(key)) {
                unknown.set(node); // written by no bytecode: by the VM, or only ever null
            }
        });
        returnNodes.forEach((method, node) -> {
            if (!facts.containsKey(method)) {
                unknown.set(node); // a native's result
            }
        });
    }

    /** Whether code outside the JDK's bytecode may call {@code method} with arguments of its own. */
    private boolean fromOutside(String method) {
        var model = jdk.method(method).orElse(null);
        if (model == null || !calledByBytecode.contains(method) || namedMethods.contains(method)) {
            return true;
        }
        var flags = model.flags();
        if (flags.has(AccessFlag.PUBLIC) || flags.has(AccessFlag.PROTECTED)) {
            return true;
        }
        String name = method.substring(method.indexOf('.') + 1, method.indexOf('('));
        String owner = method.substring(0, method.indexOf('.'));
        if (name.equals("<init>")) {
            // a constructor is found by its class: one named in a reflective lookup, or by its name in a string
            return reflectiveClasses.contains(owner) || strings.contains(owner.replace('/', '.')) || strings.contains(owner);
        }
        if (strings.contains(name)) {
            return true; // a reflective lookup may find it by that name
        }
        boolean inherited = !flags.has(AccessFlag.PRIVATE) && !flags.has(AccessFlag.STATIC) && !name.equals("<init>");
        return inherited && sipMayExtend.containsKey(owner); // a SIP's subclass inherits it, and JDK calls on one run it
    }

    /** What {@code atom}, a value in {@code method}, can be flows into {@code node}. */
    private void flow(String atom, String method, MethodScan.Facts f, int node) {
        if (atom == null || atom.equals(MethodScan.UNKNOWN_CLASS)) {
            unknown.set(node);
        } else if (atom.equals(MethodScan.RECEIVER)) {
            sets.get(node).or(receivers(method));
            if (sipMayExtend.containsKey(f.owner())) {
                mayBeSips.set(node);
            }
        } else if (atom.startsWith(MethodScan.RETURNED) || atom.startsWith(MethodScan.PARAMETER)
                || atom.startsWith(MethodScan.FIELD)) {
            int source = source(atom, method, f);
            if (source < 0) {
                unknown.set(node);
            } else {
                copy(source, node);
            }
        } else {
            sets.get(node).set(classId(atom)); // made here by new, or a constant
        }
    }

    /** The node of a parameter, field or call result atom in {@code method}; -1 where it may be anything. */
    private int source(String atom, String method, MethodScan.Facts f) {
        if (atom.startsWith(MethodScan.PARAMETER)) {
            return paramNode(method, Integer.parseInt(atom.substring(MethodScan.PARAMETER.length())));
        }
        if (atom.startsWith(MethodScan.FIELD)) {
            String key = resolve(atom.substring(MethodScan.FIELD.length()));
            return key == null ? -1 : fieldNode(key);
        }
        return resultNode(f.calls().get(Integer.parseInt(atom.substring(MethodScan.RETURNED.length()))), method, f);
    }

    /**
     * What a call returns: what its targets return; unknown when it has none, or when its receiver
     * may be a SIP's object (whose override returns what it likes) or is unknown.
     */
    private int resultNode(MethodScan.Call call, String method, MethodScan.Facts f) {
        Integer known = resultNodes.get(call);
        if (known != null) {
            return known;
        }
        int node = node();
        resultNodes.put(call, node);
        Set<String> targets = analysis.targets(call);
        if (targets.isEmpty()) {
            unknown.set(node);
        }
        for (String target : targets) {
            copy(returnNode(target), node);
        }
        if (call.kind() == Opcode.INVOKEVIRTUAL || call.kind() == Opcode.INVOKEINTERFACE) {
            String atom = call.receiverAtom();
            if (atom == null || atom.equals(MethodScan.UNKNOWN_CLASS)
                    || atom.equals(MethodScan.RECEIVER) && sipMayExtend.containsKey(f.owner())) {
                unknown.set(node);
            } else if (!atom.equals(MethodScan.RECEIVER) && (atom.startsWith(MethodScan.RETURNED)
                    || atom.startsWith(MethodScan.PARAMETER) || atom.startsWith(MethodScan.FIELD))) {
                int source = source(atom, method, f);
                if (source < 0) {
                    unknown.set(node);
                } else {
                    unknownIfSip(source, node);
                }
            }
        }
        return node;
    }

    /**
     * The classes whose instances run {@code method} as {@code this}: those some JDK code creates,
     * and, where a SIP's object may be one, the public JDK classes and interfaces its class may
     * extend and {@code Object}: a call on it runs the SIP's override or what that class inherits.
     */
    private BitSet receivers(String method) {
        return receivers.computeIfAbsent(method, m -> {
            int dot = m.indexOf('.');
            String owner = m.substring(0, dot);
            String signature = m.substring(dot + 1);
            var model = jdk.method(m).orElse(null);
            boolean fixed = signature.startsWith("<init>") || model == null || model.flags().has(AccessFlag.PRIVATE);
            BitSet set = new BitSet();
            for (String type : analysis.instantiatedBelow(owner)) {
                if (fixed || jdk.dispatch(type, signature).map(m::equals).orElse(false)) {
                    set.set(classId(type));
                }
            }
            List<String> extended = sipMayExtend.get(owner);
            if (extended != null) {
                extended.forEach(type -> set.set(classId(type)));
                set.set(classId("java/lang/Object"));
            }
            return set;
        });
    }

    // ---- the fixed point

    private void solve() {
        long[] all = edges.toArray();
        Arrays.sort(all);
        int n = sets.size();
        int[] first = new int[n + 1];
        for (long edge : all) {
            first[(int) (edge >>> 32) + 1]++;
        }
        for (int i = 0; i < n; i++) {
            first[i + 1] += first[i];
        }
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        boolean[] queued = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!sets.get(i).isEmpty() || unknown.get(i) || mayBeSips.get(i)) {
                work.add(i);
                queued[i] = true;
            }
        }
        while (!work.isEmpty()) {
            int from = work.poll();
            queued[from] = false;
            boolean fromUnknown = unknown.get(from);
            for (int e = first[from]; e < first[from + 1]; e++) {
                int to = (int) all[e] & 0x7FFFFFFF;
                boolean changed;
                if ((all[e] & SIP_EDGE) != 0) {
                    changed = (fromUnknown || mayBeSips.get(from)) && !unknown.get(to);
                    if (changed) {
                        unknown.set(to);
                    }
                } else {
                    changed = flowsInto(from, to, fromUnknown);
                }
                if (changed && !queued[to]) {
                    queued[to] = true;
                    work.add(to);
                }
            }
        }
        edges.clear();
    }

    /** Adds what {@code from} can be to {@code to}; whether {@code to} changed. */
    private boolean flowsInto(int from, int to, boolean fromUnknown) {
        if (unknown.get(to)) {
            return false;
        }
        if (fromUnknown) {
            unknown.set(to);
            sets.set(to, new BitSet());
            return true;
        }
        boolean changed = false;
        if (mayBeSips.get(from) && !mayBeSips.get(to)) {
            mayBeSips.set(to);
            changed = true;
        }
        BitSet target = sets.get(to);
        int before = target.cardinality();
        target.or(sets.get(from));
        return changed || target.cardinality() != before;
    }

    /** A growable array of longs: the edges, millions of them, without a box each. */
    private static final class LongList {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }

        void clear() {
            values = new long[0];
            size = 0;
        }
    }
}
