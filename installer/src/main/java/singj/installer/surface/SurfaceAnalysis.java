package singj.installer.surface;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.lang.constant.ClassDesc;

/**
 * Which JDK methods can reach a {@link Sink} on a SIP's behalf. Every method of the JDK is read
 * once ({@link MethodScan}); then the sinks each method reaches by itself are marked, and marks
 * travel backwards along the calls to the callers, so the whole JDK costs one pass over its call
 * graph. A call on an object the caller handed in is not followed: it is the caller's own use of
 * that object. Three tables come out:
 * <ul>
 * <li>{@link #proven}: a sink reached through calls whose targets are certain (static, special and
 *     constructor calls, lambda bodies, calls on {@code this} that cannot be overridden, virtual
 *     calls on objects whose class is known). The installer refuses these.</li>
 * <li>{@link #cause} ("review"): a sink reached through virtual calls resolved over every class the
 *     JDK creates (rapid type analysis), or through holdability: a class the JDK creates whose
 *     called-back methods reach a sink makes its creators and the readers of static fields holding
 *     one unsafe too, repeated until nothing changes. Too coarse to enforce yet.</li>
 * <li>{@link #advisory}: the caller's data kept in an object read from a static field
 *     ({@link DataFlows}). Too coarse to enforce yet.</li>
 * </ul>
 */
final class SurfaceAnalysis {
    /** Why a method is unsafe: the sink, the next method on the way to it (or null), and what it does there. */
    record Cause(Sink sink, String next, String detail) {}

    private final JdkClasses jdk;
    private final Reviewed reviewed;

    // ---- what the JDK's code says
    private final Map<String, MethodScan.Facts> facts = new HashMap<>();
    private final Map<MethodScan.Call, MethodScan.Facts> callSites = new IdentityHashMap<>();
    /** Every class some JDK code creates, and, for each type, those of them below it. */
    private final Set<String> instantiated = new TreeSet<>();
    private final Map<String, List<String>> instantiatedBelow = new HashMap<>();
    /** Each field to the atoms of what is stored into it, with the method that stores it; absent once one is unknown. */
    private final Map<String, List<Map.Entry<MethodScan.Facts, String>>> fieldAtoms = new HashMap<>();
    private final Map<String, Set<String>> fieldClasses = new HashMap<>();
    private final Map<String, Set<String>> returnClasses = new HashMap<>();
    private final Set<String> resolvingFields = new HashSet<>();
    private final Set<String> resolvingMethods = new HashSet<>();
    private final Set<MethodScan.Call> resolving = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> callbackSignatures = new HashSet<>();
    /** Fields whose object some method locks while it may call its caller's code. */
    private final Set<String> lockedAroundCallbacks = new HashSet<>();
    /** Each method to the parameters it keeps, directly or through its callees, in a field locked around callbacks. */
    private Map<String, Integer> lockKeeping;

    // ---- the call graph, backwards
    private final Map<MethodScan.Call, Set<String>> callTargets = new IdentityHashMap<>();
    /** Calls whose targets are all certain, and calls on {@code this} with the one target that is. */
    private final Set<MethodScan.Call> certainCalls = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<MethodScan.Call, String> certainOnThis = new IdentityHashMap<>();
    /**
     * Calls resolved over every class the JDK creates below a type (the type here): a receiver of
     * unknown class that was not read from a field, and the overrides a call on {@code this} may
     * run. {@link EntryReach} resolves these again over the classes one member's own code creates.
     */
    private final Map<MethodScan.Call, String> dispatchedOver = new IdentityHashMap<>();
    private final Map<MethodScan.Call, List<String>> receiverClasses = new IdentityHashMap<>();
    /** Methods that lock an argument their caller chooses: a sink for whoever chooses it, not for their JDK callers. */
    private final Set<String> ownChoice = new HashSet<>();
    /** Method key to the methods that call it: by every followed call, and by certain calls only. */
    private final Map<String, Set<String>> callers = new HashMap<>();
    private final Map<String, Set<String>> certainCallers = new HashMap<>();

    // ---- the three tables, each with its work queue
    private final Map<String, Cause> proven = new HashMap<>();
    private final Deque<String> provenWork = new ArrayDeque<>();
    private final Map<String, Cause> unsafe = new HashMap<>();
    private final Deque<String> work = new ArrayDeque<>();
    private final Map<String, Cause> advisory = new HashMap<>();
    private final Deque<String> advisoryWork = new ArrayDeque<>();
    private final Map<String, Cause> unholdable = new LinkedHashMap<>();

    SurfaceAnalysis(JdkClasses jdk, Reviewed reviewed) {
        this.jdk = jdk;
        this.reviewed = reviewed;
    }

    /** Runs the analysis; returns this, for the questions below. */
    SurfaceAnalysis run() {
        scanAll();
        lockKeeping = lockKeeping();
        localSinks(DataFlows.sharedWrites(this));
        propagate();
        while (markUnholdable()) {
            propagate();
        }
        return this;
    }

    /** Why {@code methodKey} is unsafe, or null if it is safe. */
    Cause cause(String methodKey) {
        return unsafe.get(methodKey);
    }

    /** The cause of {@code step} in the same table that explains {@code methodKey}. */
    Cause causeIn(String methodKey, String step) {
        Map<String, Cause> causes = proven.containsKey(methodKey) ? proven : unsafe.containsKey(methodKey) ? unsafe : advisory;
        return causes.get(step);
    }

    /** Why {@code methodKey} reaches an enforced sink through certain calls, or null. */
    Cause proven(String methodKey) {
        return proven.get(methodKey);
    }

    /** Why {@code methodKey} may store its caller's data in JVM-wide state (not enforced), or null. */
    Cause advisory(String methodKey) {
        return advisory.get(methodKey);
    }

    /**
     * The JDK classes whose every instance is one the JDK keeps in a static field (Runtime's, the
     * reverse-order comparator, the empty collections...): such an instance can be held by every SIP
     * at once, so the SIP runtime refuses to lock, wait on or notify one (SharedObjects). A class
     * counts when an instance of it is stored in a static field, it is created only in class
     * initialisers, and no one outside the JDK can call its constructors; a general class such as
     * ArrayList, which the JDK also keeps in statics but a SIP creates for itself, does not.
     */
    Set<String> sharedInstanceClasses() {
        Set<String> shared = new TreeSet<>();
        facts.forEach((key, f) -> f.fieldStores().forEach((field, atoms) -> {
            int dot = field.lastIndexOf('.');
            String owner = field.substring(0, dot);
            String name = field.substring(dot + 1);
            if (!jdk.isStaticField(owner, name)) {
                return;
            }
            for (String atom : atoms) {
                Set<String> classes = MethodScan.isUnknown(atom) ? null : classesOf(atom, f);
                if (classes != null) {
                    shared.addAll(classes);
                } else {
                    String type = jdk.fieldType(owner, name).orElse("");
                    String declared = type.startsWith("L") ? type.substring(1, type.length() - 1) : "";
                    jdk.get(declared).filter(m -> m.flags().has(java.lang.reflect.AccessFlag.FINAL))
                            .ifPresent(m -> shared.add(declared));
                }
            }
        }));
        Map<String, Set<String>> creators = new HashMap<>();
        facts.forEach((key, f) -> f.created().forEach(type -> creators.computeIfAbsent(type, k -> new HashSet<>())
                .add(key.substring(key.indexOf('.') + 1, key.indexOf('(')))));
        shared.removeIf(name -> jdk.get(name).isEmpty()
                || !creators.getOrDefault(name, Set.of()).equals(Set.of("<clinit>"))
                || jdk.get(name).get().methods().stream().anyMatch(m -> m.methodName().equalsString("<init>")
                        && (m.flags().has(java.lang.reflect.AccessFlag.PUBLIC)
                            || m.flags().has(java.lang.reflect.AccessFlag.PROTECTED))));
        return shared;
    }

    JdkClasses jdk() {
        return jdk;
    }

    Map<String, MethodScan.Facts> facts() {
        return facts;
    }

    /** The chain of methods from {@code methodKey} to its sink, at most {@code limit} steps. */
    List<String> chain(String methodKey, int limit) {
        Map<String, Cause> causes = proven.containsKey(methodKey) ? proven : unsafe.containsKey(methodKey) ? unsafe : advisory;
        List<String> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String key = methodKey; key != null && steps.size() < limit && seen.add(key); ) {
            Cause cause = causes.get(key);
            if (cause == null) {
                break;
            }
            steps.add(key);
            key = cause.next();
        }
        return steps;
    }

    // ---- reading the JDK

    private void scanAll() {
        Set<String> shareable = shareableTypes();
        Set<String> immutable = immutableTypes();
        Predicate<ClassDesc> mayBeShared = type -> {
            String descriptor = type.descriptorString();
            return descriptor.startsWith("L") && shareable.contains(descriptor.substring(1, descriptor.length() - 1));
        };
        for (ClassModel model : jdk.all()) {
            String owner = model.thisClass().asInternalName();
            for (MethodModel method : model.methods()) {
                if (method.code().isEmpty()) {
                    continue;
                }
                MethodScan.Facts f = MethodScan.scan(model, method, mayBeShared, immutable::contains);
                facts.put(owner + "." + method.methodName().stringValue() + method.methodType().stringValue(), f);
                instantiated.addAll(f.created());
                for (MethodScan.Call call : f.calls()) {
                    callSites.put(call, f);
                    if (call.onCallersObject()) {
                        callbackSignatures.add(call.nameAndType());
                    }
                }
                if (f.callsBack()) {
                    lockedAroundCallbacks.addAll(f.monitorFields());
                }
            }
        }
        instantiated.removeIf(name -> jdk.get(name).isEmpty());
        Set<String> unknown = new HashSet<>();
        facts.values().forEach(f -> f.fieldStores().forEach((field, atoms) -> {
            if (atoms.stream().anyMatch(MethodScan::isUnknown)) {
                unknown.add(field);
            }
            for (String atom : atoms) {
                fieldAtoms.computeIfAbsent(field, k -> new ArrayList<>()).add(Map.entry(f, atom));
            }
        }));
        fieldAtoms.keySet().removeAll(unknown);
        for (String type : instantiated) {
            for (String above : jdk.supertypes(type)) {
                instantiatedBelow.computeIfAbsent(above, k -> new ArrayList<>()).add(type);
            }
        }
    }

    /**
     * The types whose variables can hold an object every SIP shares: the supertypes of strings,
     * class objects and boxes, and every JDK enum with its supertypes.
     */
    private Set<String> shareableTypes() {
        Set<String> types = new HashSet<>();
        for (String root : List.of("java/lang/String", "java/lang/Class", "java/lang/Integer", "java/lang/Long",
                "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean", "java/lang/Float",
                "java/lang/Double", "java/lang/Enum")) {
            types.addAll(jdk.supertypes(root));
        }
        for (ClassModel model : jdk.all()) {
            if (model.superclass().map(c -> c.asInternalName().equals("java/lang/Enum")).orElse(false)) {
                types.addAll(jdk.supertypes(model.thisClass().asInternalName()));
            }
        }
        return types;
    }

    /** Classes whose instances nothing changes once made, so that sharing one shares no state. */
    private Set<String> immutableTypes() {
        Set<String> types = new HashSet<>(List.of("java/lang/String", "java/lang/Class", "java/lang/Integer",
                "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean",
                "java/lang/Float", "java/lang/Double", "java/math/BigInteger", "java/math/BigDecimal", "java/util/Locale"));
        for (ClassModel model : jdk.all()) {
            if (model.superclass().map(c -> c.asInternalName().equals("java/lang/Enum")).orElse(false)) {
                types.add(model.thisClass().asInternalName());
            }
        }
        return types;
    }

    /**
     * The JDK methods a killed SIP's thread is never stopped in, each with the first reason
     * ({@link SharedChanges}).
     */
    Map<String, String> unstoppable() {
        return SharedChanges.unstoppable(this);
    }

    /** The methods a call can run: every one for a callback too (the data-flow summary needs them). */
    Set<String> targets(MethodScan.Call call) {
        Set<String> known = callTargets.get(call);
        if (known == null) {
            known = computeTargets(call);
            callTargets.put(call, known);
        }
        return known;
    }

    private Set<String> computeTargets(MethodScan.Call call) {
        String owner = receiverType(call);
        if (call.kind() == Opcode.INVOKESTATIC || call.kind() == Opcode.INVOKESPECIAL) {
            certainCalls.add(call);
            return jdk.resolve(owner, call.nameAndType()).map(Set::of).orElse(Set.of());
        }
        MethodScan.Facts site = callSites.get(call);
        if (call.onThis() && site != null && jdk.supertypes(site.owner()).contains(owner)) {
            return targetsOnThis(call, site.owner());
        }
        Set<String> receivers = classesOf(call.receiverAtom(), site);
        List<String> candidates = receivers == null ? null
                : receivers.stream().filter(c -> jdk.supertypes(c).contains(owner)).toList();
        if (candidates == null || candidates.isEmpty()) {
            candidates = instantiatedBelow.getOrDefault(owner, List.of());
            if (!isHeapRead(call.receiverAtom())) {
                dispatchedOver.put(call, owner);
            }
        } else {
            certainCalls.add(call);
        }
        if (!dispatchedOver.containsKey(call)) {
            receiverClasses.put(call, candidates);
        }
        Set<String> all = new LinkedHashSet<>();
        for (String concrete : candidates) {
            jdk.dispatch(concrete, call.nameAndType()).ifPresent(all::add);
        }
        return all;
    }

    /**
     * The classes a virtual call's receiver can be, where they do not depend on the member
     * searched (known classes, or every class the JDK creates below a field's type), or null:
     * {@link EntryReach} runs each target with its receiver's class as {@code this}.
     */
    List<String> receiverClasses(MethodScan.Call call) {
        targets(call);
        return receiverClasses.get(call);
    }

    /**
     * A call on {@code this} in a method of {@code self}: the method {@code self} links it to (an
     * instance of {@code self} or a SIP's subclass that does not override it runs that one),
     * and the overrides in the JDK's subclasses of {@code self} that are created. The first is
     * certain when it cannot be overridden or {@code self} can be instantiated.
     */
    private Set<String> targetsOnThis(MethodScan.Call call, String self) {
        Set<String> all = new LinkedHashSet<>();
        jdk.resolve(self, call.nameAndType()).filter(key -> !jdk.isAbstract(key)).ifPresent(own -> {
            all.add(own);
            var model = jdk.get(self).orElseThrow();
            var method = jdk.method(own).orElseThrow();
            boolean fixed = method.flags().has(java.lang.reflect.AccessFlag.PRIVATE)
                    || method.flags().has(java.lang.reflect.AccessFlag.FINAL)
                    || model.flags().has(java.lang.reflect.AccessFlag.FINAL)
                    || !(model.flags().has(java.lang.reflect.AccessFlag.ABSTRACT)
                         || model.flags().has(java.lang.reflect.AccessFlag.INTERFACE));
            if (fixed) {
                certainOnThis.put(call, own);
            }
        });
        for (String concrete : instantiatedBelow.getOrDefault(self, List.of())) {
            jdk.dispatch(concrete, call.nameAndType()).ifPresent(all::add);
        }
        dispatchedOver.put(call, self);
        return all;
    }

    /** Whether a receiver with this atom was read from a field: an object some other code may have made. */
    private static boolean isHeapRead(String atom) {
        return atom != null && atom.startsWith(MethodScan.FIELD);
    }

    /**
     * The classes a value with this atom ({@link MethodScan#RETURNED}...) can be, or null if
     * that is not known: what a field only ever holds, what the called methods return.
     */
    private Set<String> classesOf(String atom, MethodScan.Facts where) {
        if (atom == null || where == null || MethodScan.isCallersObject(atom)) {
            return null;
        }
        if (atom.startsWith(MethodScan.FIELD)) {
            return fieldClasses(atom.substring(MethodScan.FIELD.length()));
        }
        if (!atom.startsWith(MethodScan.RETURNED)) {
            return Set.of(atom);
        }
        MethodScan.Call producer = where.calls().get(Integer.parseInt(atom.substring(MethodScan.RETURNED.length())));
        if (!resolving.add(producer)) {
            return null;
        }
        try {
            Set<String> classes = new TreeSet<>();
            Set<String> targets = targets(producer);
            if (targets.isEmpty()) {
                return null;
            }
            for (String target : targets) {
                Set<String> returned = returnClasses(target);
                if (returned == null) {
                    return null;
                }
                classes.addAll(returned);
            }
            return classes;
        } finally {
            resolving.remove(producer);
        }
    }

    /** The classes of what a field can hold, where every store into it is known; else null. */
    private Set<String> fieldClasses(String field) {
        if (fieldClasses.containsKey(field)) {
            return fieldClasses.get(field);
        }
        List<Map.Entry<MethodScan.Facts, String>> stores = fieldAtoms.get(field);
        if (stores == null || !resolvingFields.add(field)) {
            return null;
        }
        Set<String> classes = new TreeSet<>();
        for (var store : stores) {
            Set<String> stored = classesOf(store.getValue(), store.getKey());
            if (stored == null) {
                classes = null;
                break;
            }
            classes.addAll(stored);
        }
        resolvingFields.remove(field);
        fieldClasses.put(field, classes);
        return classes;
    }

    private Set<String> returnClasses(String methodKey) {
        if (returnClasses.containsKey(methodKey)) {
            return returnClasses.get(methodKey);
        }
        MethodScan.Facts f = facts.get(methodKey);
        Set<String> result = null;
        if (f != null && f.returnAtoms() != null && !f.returnAtoms().isEmpty() && resolvingMethods.add(methodKey)) {
            result = new TreeSet<>();
            for (String atom : f.returnAtoms()) {
                Set<String> classes = classesOf(atom, f);
                if (classes == null) {
                    result = null;
                    break;
                }
                result.addAll(classes);
            }
            resolvingMethods.remove(methodKey);
            returnClasses.put(methodKey, result);
        }
        return result;
    }

    /**
     * The most precise type known for a call's receiver: the declared type of the field it was
     * just read from, where that is narrower than the type the call names.
     */
    private String receiverType(MethodScan.Call call) {
        String owner = call.owner().startsWith("[") ? "java/lang/Object" : call.owner();
        if (call.receiverField() == null || call.kind() == Opcode.INVOKESTATIC || call.kind() == Opcode.INVOKESPECIAL) {
            return owner;
        }
        int dot = call.receiverField().lastIndexOf('.');
        String type = jdk.fieldType(call.receiverField().substring(0, dot), call.receiverField().substring(dot + 1))
                .orElse("");
        if (type.startsWith("L")) {
            String declared = type.substring(1, type.length() - 1);
            if (!declared.equals(owner) && jdk.supertypes(declared).contains(owner)) {
                return declared;
            }
        }
        return owner;
    }

    /** The type a call is resolved over per member ({@link EntryReach}), or null if its targets do not depend on the member. */
    String dispatchedOver(MethodScan.Call call) {
        targets(call);
        return dispatchedOver.get(call);
    }

    /**
     * Why {@code methodKey} reaches an enforced sink through certain calls, when it does so whoever
     * calls it (not a lock on an argument, which its JDK callers choose), or null.
     */
    Cause provenForCallers(String methodKey) {
        return ownChoice.contains(methodKey) ? null : proven.get(methodKey);
    }

    /** The classes some JDK code creates that are {@code type} or below it. */
    List<String> instantiatedBelow(String type) {
        return instantiatedBelow.getOrDefault(type, List.of());
    }

    /** Whether the whole-JDK analysis found no way from {@code methodKey} to a sink: no narrower one can. */
    boolean safeOverEveryClass(String methodKey) {
        return !unsafe.containsKey(methodKey);
    }

    /** Whether the analysis follows {@code call} from {@code caller} into {@code target}. */
    boolean follows(String caller, MethodScan.Call call, String target) {
        return !call.onCallersObject() && !isCut(caller, target);
    }

    boolean isCut(String caller, String target) {
        return reviewed.cut(caller, target).isPresent();
    }

    // ---- sinks

    /**
     * Which parameters each method keeps as a lock that is held while its caller's code runs
     * ({@code Writer(Object lock)}, and {@code OutputStreamWriter(OutputStream)} through it). Only
     * a public parameter whose type admits a shared object makes this a sink.
     */
    private Map<String, Integer> lockKeeping() {
        Map<String, Integer> keeps = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        facts.forEach((key, f) -> {
            int bits = f.lockedParams();
            for (var stored : f.fieldsFromCaller().entrySet()) {
                if (lockedAroundCallbacks.contains(stored.getKey())) {
                    bits |= stored.getValue();
                }
            }
            if (bits != 0) {
                keeps.put(key, bits);
                queue.add(key);
            }
        });
        Map<String, Set<String>> directCallers = new HashMap<>();
        facts.forEach((key, f) -> f.calls().stream()
                .filter(c -> c.kind() == Opcode.INVOKESPECIAL || c.kind() == Opcode.INVOKESTATIC)
                .forEach(c -> targets(c).forEach(t -> directCallers.computeIfAbsent(t, k -> new HashSet<>()).add(key))));
        while (!queue.isEmpty()) {
            String callee = queue.poll();
            int theirs = keeps.get(callee);
            for (String caller : directCallers.getOrDefault(callee, Set.of())) {
                int mine = keeps.getOrDefault(caller, 0);
                int added = mine;
                for (MethodScan.Call call : facts.get(caller).calls()) {
                    if ((call.kind() == Opcode.INVOKESPECIAL || call.kind() == Opcode.INVOKESTATIC)
                            && targets(call).contains(callee)) {
                        added |= Origin.identity(Origin.atCallSite(theirs, call.positions(),
                                call.kind() != Opcode.INVOKESTATIC)) & Origin.PARAMS;
                    }
                }
                if (added != mine) {
                    keeps.put(caller, added);
                    queue.add(caller);
                }
            }
        }
        return keeps;
    }

    private void localSinks(Map<String, String> sharedWrites) {
        for (ClassModel model : jdk.all()) {
            String owner = model.thisClass().asInternalName();
            for (MethodModel method : model.methods()) {
                if (method.flags().has(AccessFlag.NATIVE)) {
                    String key = owner + "." + method.methodName().stringValue() + method.methodType().stringValue();
                    Reviewed.NativeRule rule = reviewed.nativeRule(key);
                    rule.sink().ifPresent(sink -> markLocal(key, new Cause(sink, null, "native: " + rule.reason())));
                }
            }
        }
        facts.forEach((key, f) -> {
            boolean trusted = reviewed.trusted(key);
            for (MethodScan.LocalSink sink : trusted ? List.<MethodScan.LocalSink>of() : f.sinks()) {
                markLocal(key, new Cause(sink.sink(), null, sink.detail()));
            }
            if (f.staticWrite() != null) {
                markLocal(key, new Cause(Sink.STATIC_WRITE, null, f.staticWrite()));
            }
            int keeps = lockKeeping.getOrDefault(key, 0);
            if ((keeps & f.shareableParams()) != 0 && !trusted) {
                // a sink for whoever chooses that argument: this method's callers pass their own, so it stops here
                Cause cause = new Cause(Sink.SHARED_MONITOR, null, "locks an argument that may be a shared object (a "
                        + "string, a class, a box), directly or as the lock it keeps, while the caller's code runs");
                proven.putIfAbsent(key, cause);
                unsafe.putIfAbsent(key, cause);
                ownChoice.add(key);
            }
            for (MethodScan.Call call : f.calls()) {
                for (String target : targets(call)) {
                    boolean followed = follows(key, call, target);
                    if (followed) {
                        callers.computeIfAbsent(target, k -> new HashSet<>()).add(key);
                        if (certainCalls.contains(call) || target.equals(certainOnThis.get(call))) {
                            certainCallers.computeIfAbsent(target, k -> new HashSet<>()).add(key);
                        }
                    }
                }
            }
            String writer = sharedWrites.get(key);
            if (writer != null) {
                markLocal(key, new Cause(Sink.STATIC_WRITE, null, "hands its caller's data and an object every SIP shares to "
                        + SurfaceFile.readable(writer) + ", which stores the one in the other"));
            }
        });
    }

    /** Marks a sink found in {@code key}'s own code: enforced, and proven unless it is a data-flow one. */
    private void markLocal(String key, Cause cause) {
        if (cause.sink() != Sink.STATIC_WRITE && proven.putIfAbsent(key, cause) == null) {
            provenWork.add(key);
        }
        mark(key, cause);
    }

    private void mark(String key, Cause cause) {
        if (cause.sink() == Sink.STATIC_WRITE) {
            if (advisory.putIfAbsent(key, cause) == null) {
                advisoryWork.add(key);
            }
        } else if (unsafe.putIfAbsent(key, cause) == null) {
            work.add(key);
        }
    }

    private void propagate() {
        while (!provenWork.isEmpty()) {
            String callee = provenWork.poll();
            Cause root = proven.get(callee);
            for (String caller : certainCallers.getOrDefault(callee, Set.of())) {
                if (proven.putIfAbsent(caller, new Cause(root.sink(), callee, null)) == null) {
                    provenWork.add(caller);
                }
            }
        }
        for (Deque<String> queue : List.of(work, advisoryWork)) {
            Map<String, Cause> causes = queue == work ? unsafe : advisory;
            while (!queue.isEmpty()) {
                String callee = queue.poll();
                Cause root = causes.get(callee);
                for (String caller : callers.getOrDefault(callee, Set.of())) {
                    mark(caller, new Cause(root.sink(), callee, null));
                }
            }
        }
    }

    /** Finds classes that became unholdable; marks their creators and readers. Whether any was found. */
    private boolean markUnholdable() {
        boolean changed = false;
        for (String type : instantiated) {
            if (unholdable.containsKey(type)) {
                continue;
            }
            for (String signature : exposed(type)) {
                if (!callbackSignatures.contains(signature)) {
                    continue;
                }
                String target = jdk.dispatch(type, signature).orElse(null);
                Cause cause = target == null ? null : unsafe.get(target);
                if (cause != null) {
                    unholdable.put(type, new Cause(cause.sink(), target, signature));
                    changed = true;
                    break;
                }
            }
        }
        if (!changed) {
            return false;
        }
        facts.forEach((key, f) -> {
            for (String type : f.created()) {
                Cause why = unholdable.get(type);
                if (why != null) {
                    mark(key, new Cause(why.sink(), why.next(), "creates a " + type.replace('/', '.')
                            + ", whose " + why.detail() + " is called back by the JDK"));
                }
            }
            for (String field : f.staticReads()) {
                String holder = sharedUnholdable(field);
                if (holder != null) {
                    Cause why = unholdable.get(holder);
                    mark(key, new Cause(why.sink(), why.next(), "reads the shared " + holder.replace('/', '.')
                            + " in " + field.replace('/', '.')));
                }
            }
        });
        return true;
    }

    /** The classes the whole-JDK analysis found unholdable that the static field {@code field} may hold. */
    Set<String> mayHoldUnholdable(String field) {
        int dot = field.lastIndexOf('.');
        String type = jdk.fieldType(field.substring(0, dot), field.substring(dot + 1)).orElse("");
        if (!type.startsWith("L") || type.equals("Ljava/lang/Object;")) {
            return Set.of();
        }
        Set<String> held = new TreeSet<>();
        for (String below : instantiatedBelow.getOrDefault(type.substring(1, type.length() - 1), List.of())) {
            if (unholdable.containsKey(below)) {
                held.add(below);
            }
        }
        return held;
    }

    /**
     * The classes the whole-JDK analysis found unholdable, each with the methods a caller's
     * virtual call may run on one that it found unsafe: the candidates {@link EntryReach} decides again.
     */
    Map<String, Set<String>> unholdableCandidates() {
        Map<String, Set<String>> candidates = new java.util.TreeMap<>();
        for (String type : unholdable.keySet()) {
            for (String signature : exposed(type)) {
                if (callbackSignatures.contains(signature)) {
                    jdk.dispatch(type, signature).filter(unsafe::containsKey)
                            .ifPresent(target -> candidates.computeIfAbsent(type, k -> new TreeSet<>()).add(target));
                }
            }
        }
        return candidates;
    }

    /** An unholdable class a static field may hold, or null. */
    private String sharedUnholdable(String field) {
        int dot = field.lastIndexOf('.');
        String type = jdk.fieldType(field.substring(0, dot), field.substring(dot + 1)).orElse("");
        if (!type.startsWith("L") || type.equals("Ljava/lang/Object;")) {
            return null;
        }
        for (String below : instantiatedBelow.getOrDefault(type.substring(1, type.length() - 1), List.of())) {
            if (unholdable.containsKey(below)) {
                return below;
            }
        }
        return null;
    }

    /** The instance methods a holder of a {@code type} can call on it: public and protected, declared or inherited. */
    private Set<String> exposed(String type) {
        Set<String> signatures = new TreeSet<>();
        for (String above : jdk.supertypes(type)) {
            jdk.get(above).ifPresent(model -> {
                for (MethodModel m : model.methods()) {
                    var flags = m.flags();
                    if (!flags.has(AccessFlag.STATIC) && (flags.has(AccessFlag.PUBLIC) || flags.has(AccessFlag.PROTECTED))
                            && !m.methodName().equalsString("<init>")) {
                        signatures.add(m.methodName().stringValue() + m.methodType().stringValue());
                    }
                }
            });
        }
        return signatures;
    }
}
