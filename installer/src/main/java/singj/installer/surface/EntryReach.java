package singj.installer.surface;

import java.lang.classfile.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rapid type analysis per member: whether a JDK member reaches a sink when its virtual calls are
 * resolved over the classes that member's own code can create, not over every class the JDK
 * creates. One search per member, forward from it, stopping at the first sink:
 * <ul>
 * <li>calls whose targets are certain (static, special, constructor, lambda bodies, receivers of
 *     known class) are followed as the whole-JDK analysis follows them;</li>
 * <li>a call on a receiver of unknown class is resolved over the classes created so far by the
 *     methods the search has reached, and again each time one more class is created;</li>
 * <li>a receiver read from a field may be an object other code made, so that call keeps every
 *     class JDK code ever stores into the field ({@link FieldTypes}), or, where that is not known,
 *     every class the JDK creates below the field's type;</li>
 * <li>a call on an object the caller handed in is not followed: that object's methods are its
 *     class's own members, judged on their own; a JDK object a SIP can hold is safe to call only
 *     if its class is holdable, which the last step decides: a class whose called-back methods
 *     reach a sink is unholdable, and a member whose code creates one is unsafe, repeated until
 *     nothing changes.</li>
 * </ul>
 *
 * <p><b>The receiver's class travels with the call</b> (a context of one object): a method is
 * searched as a pair of the method and what its {@code this} can be. A method reached by
 * dispatching on a class {@code C} (a created class below a call's type, a known receiver class,
 * a new object's constructor) has {@code this} exactly {@code C}, so its calls on {@code this} run
 * {@code C}'s overrides only; super, private and constructor calls on {@code this}, and the body
 * of a lambda made on it, keep the caller's context. Without one ({@link #NONE}: a member entered
 * by a SIP, whose {@code this} is the SIP's object or a JDK object of a class the search below
 * does not create), calls on {@code this} run the method the class links to (a SIP's subclass
 * that does not override it runs that one) and the overrides of the classes the search creates;
 * a JDK object made elsewhere reaches the SIP only through a member that creates it, where
 * holdability judges its class with {@code this} exactly that class. A method reached with more
 * than {@link #CONTEXTS} classes as {@code this} in one search is searched once without a context
 * instead (over every class the JDK creates, where one of them was not created by the search).
 *
 * <p>Objects a class initialiser makes are created too (they are what static fields and the
 * tables behind them hold): the methods a class initialiser reaches add the classes they create,
 * but their sinks are not the member's, since an initialiser runs once for the JVM.
 *
 * <p>A search stops at a method the proven table has, and at a member searched before (without a
 * context) that reached a sink (its classes are a subset of this member's, so the sink is reached
 * here too). Which member was searched first depends on the threads, so the way reported may
 * differ from run to run; whether a member reaches a sink does not.
 */
final class EntryReach {
    /** Why a member reaches a sink: its way there (the member first, the method with the sink last). */
    record Way(Sink sink, List<String> steps, String detail) {}

    /** What {@code this} is: not known ({@link #NONE}), any class the JDK creates ({@link #ANY}), or {@code 2 * class + 1}: exactly that class. */
    static final int NONE = -1;
    static final int ANY = -2;
    /** On an edge: the callee's {@code this} is the caller's. */
    private static final int SAME = -3;
    /** The classes one method may be searched with as {@code this} in one search before it is searched without. */
    static final int CONTEXTS = 64;

    private static int exact(int classId) {
        return 2 * classId + 1;
    }

    private static boolean isExact(int context) {
        return context >= 0;
    }

    private static int classOf(int context) {
        return context >> 1;
    }

    private final SurfaceAnalysis analysis;
    private final JdkClasses jdk;
    private final FieldTypes fieldTypes;
    private final List<String> keys = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    /** Per method: the targets always followed, as pairs of target and the context it runs in. */
    private int[][] always;
    /** Per method: the classes it creates, and the classes whose initialisers it may run. */
    private int[][] creates;
    private int[][] initialises;
    /** Per method: the classes it creates, and those a static field it reads may hold that may be unholdable. */
    private int[][] holds;
    /** Per method: why it reaches a sink through certain calls whoever calls it, or null. */
    private SurfaceAnalysis.Cause[] proven;
    /** Per method, its sites resolved over created classes; per site, class and target pairs; per class, site and target pairs. */
    private int[][] siteOf;
    private int[][] bySite;
    private int[][] byClass;
    /** Per method, its calls on {@code this} as triples: the site, the signature, the method its class links it to (or -1). */
    private int[][] thisCalls;
    private final List<String> signatures = new ArrayList<>();
    /** Per method: its class; whether its calls on {@code this}, or those of what it calls on {@code this}, depend on the context. */
    private int[] ownerOf;
    private boolean[] usesThis;
    /** Caller and callee to whether a reviewed cut stops that call: the cuts are patterns, slow to match on the search's path. */
    private final Map<Long, Boolean> cut = new ConcurrentHashMap<>();
    private final List<String> classes = new ArrayList<>();
    private final Map<String, Integer> classIds = new HashMap<>();
    /** Per class id: the ids of it and its supertypes, sorted. */
    private int[][] supertypes;
    /** The class initialiser of each class id, or -1. */
    private int[] initialiser;
    /** Class and signature to the method a virtual call runs on an instance of exactly that class, or -1. */
    private final Map<Long, Integer> dispatched = new ConcurrentHashMap<>();

    /** A call resolved per member: over the created classes below {@code type}. */
    private record Site(String type, String signature) {}

    /** A search: a method, with what its {@code this} is. */
    private record Searched(String method, int context) {}

    /** What one search found: the way to a sink, or the classes the member creates. */
    private record Result(Way way, BitSet created) {}

    private static final Result SAFE = new Result(null, new BitSet());
    private final Map<Searched, Result> results = new ConcurrentHashMap<>();

    EntryReach(SurfaceAnalysis analysis) {
        this.analysis = analysis;
        this.jdk = analysis.jdk();
        this.fieldTypes = new FieldTypes(analysis);
        index();
    }

    private int id(String key) {
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        ids.put(key, keys.size());
        keys.add(key);
        return keys.size() - 1;
    }

    private int classId(String name) {
        Integer known = classIds.get(name);
        if (known != null) {
            return known;
        }
        classIds.put(name, classes.size());
        classes.add(name);
        return classes.size() - 1;
    }

    private int signatureId(String signature, Map<String, Integer> numbered) {
        return numbered.computeIfAbsent(signature, k -> {
            signatures.add(k);
            return signatures.size() - 1;
        });
    }

    private void index() {
        Map<String, MethodScan.Facts> facts = analysis.facts();
        facts.keySet().stream().sorted().forEach(this::id);
        Map<Integer, int[]> alwaysById = new HashMap<>();
        Map<Integer, Site[]> sitesById = new HashMap<>();
        Map<Integer, List<Object[]>> thisById = new HashMap<>();
        Map<Integer, int[]> createsById = new HashMap<>();
        Map<Integer, int[]> initialisesById = new HashMap<>();
        Map<Integer, int[]> holdsById = new HashMap<>();
        Map<String, Integer> signatureIds = new HashMap<>();
        for (String key : keys.subList(0, facts.size()).stream().toList()) {
            MethodScan.Facts f = facts.get(key);
            classId(f.owner());
            List<Integer> followed = new ArrayList<>();
            List<Site> resolved = new ArrayList<>();
            List<Object[]> onThis = new ArrayList<>();
            for (MethodScan.Call call : f.calls()) {
                String over = analysis.dispatchedOver(call);
                if (over == null) {
                    edges(key, f, call, followed);
                    continue;
                }
                if (call.onCallersObject()) {
                    continue;
                }
                if (call.onThis()) { // the method the class itself links it to runs unless a subclass overrides it
                    String own = jdk.resolve(f.owner(), call.nameAndType()).filter(k -> !jdk.isAbstract(k)).orElse(null);
                    boolean followsOwn = own != null && analysis.targets(call).contains(own) && analysis.follows(key, call, own);
                    if (followsOwn && cannotBeOverridden(own)) { // a private method javac calls with invokevirtual
                        followed.add(id(own));
                        followed.add(SAME);
                        continue;
                    }
                    onThis.add(new Object[] {new Site(over, call.nameAndType()), signatureId(call.nameAndType(), signatureIds),
                            followsOwn ? id(own) : -1});
                    continue;
                }
                resolved.add(new Site(over, call.nameAndType()));
            }
            int me = ids.get(key);
            alwaysById.put(me, distinctPairs(followed));
            sitesById.put(me, resolved.stream().distinct().toArray(Site[]::new));
            thisById.put(me, onThis);
            createsById.put(me, f.created().stream().filter(c -> jdk.get(c).isPresent()).mapToInt(this::classId).toArray());
            java.util.TreeSet<String> held = new java.util.TreeSet<>(f.created());
            f.staticReads().forEach(field -> held.addAll(stored(field, analysis.mayHoldUnholdable(field))));
            holdsById.put(me, held.stream().filter(c -> jdk.get(c).isPresent()).mapToInt(this::classId).toArray());
            List<Integer> touched = new ArrayList<>();
            f.created().forEach(c -> touched.add(classId(c)));
            f.staticReads().forEach(field -> touched.add(classId(field.substring(0, field.lastIndexOf('.')))));
            f.calls().stream().filter(c -> c.kind() == Opcode.INVOKESTATIC).forEach(c -> touched.add(classId(c.owner())));
            initialisesById.put(me, touched.stream().mapToInt(Integer::intValue).distinct().toArray());
        }
        analysis.instantiatedBelow("java/lang/Object").forEach(this::classId);
        int n = keys.size();
        always = new int[n][];
        creates = new int[n][];
        initialises = new int[n][];
        holds = new int[n][];
        proven = new SurfaceAnalysis.Cause[n];
        ownerOf = new int[n];
        for (int m = 0; m < n; m++) {
            always[m] = alwaysById.getOrDefault(m, new int[0]);
            creates[m] = createsById.getOrDefault(m, new int[0]);
            initialises[m] = initialisesById.getOrDefault(m, new int[0]);
            holds[m] = holdsById.getOrDefault(m, new int[0]);
            proven[m] = analysis.provenForCallers(keys.get(m));
            String key = keys.get(m);
            ownerOf[m] = classId(key.substring(0, key.indexOf('.')));
        }
        indexSites(sitesById, thisById);
        initialiser = new int[classes.size()];
        supertypes = new int[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            Integer init = ids.get(classes.get(c) + ".<clinit>()V");
            initialiser[c] = init == null ? -1 : init;
            supertypes[c] = jdk.supertypes(classes.get(c)).stream().map(classIds::get).filter(i -> i != null)
                    .mapToInt(Integer::intValue).sorted().toArray();
        }
        usesThis = usesThis();
    }

    /**
     * The edges of a call whose targets do not depend on the member searched, each with what
     * {@code this} is in the target: nothing for a static method; the caller's own for a super,
     * private or constructor call on {@code this} and for the body of a lambda (javac makes it a
     * method of the same class, called on the {@code this} it captured); the new object's class
     * for its constructor; each receiver class for a virtual call whose receiver classes are known.
     */
    private void edges(String key, MethodScan.Facts f, MethodScan.Call call, List<Integer> followed) {
        List<String> receivers = call.kind() == Opcode.INVOKESTATIC || call.kind() == Opcode.INVOKESPECIAL
                ? null : analysis.receiverClasses(call);
        String atom = call.receiverAtom();
        if (receivers != null && atom != null && atom.startsWith(MethodScan.FIELD)) {
            Set<String> held = fieldTypes.classes(atom.substring(MethodScan.FIELD.length()));
            String type = call.owner().startsWith("[") ? "java/lang/Object" : call.owner();
            if (held != null) {
                receivers = held.stream().filter(c -> jdk.supertypes(c).contains(type)).toList();
            }
        }
        if (receivers != null) {
            for (String concrete : receivers) {
                String target = jdk.dispatch(concrete, call.nameAndType()).orElse(null);
                if (target != null && analysis.follows(key, call, target)) {
                    followed.add(id(target));
                    followed.add(exact(classId(concrete)));
                }
            }
            return;
        }
        int context = NONE;
        if (call.kind() == Opcode.INVOKESPECIAL) {
            boolean lambdaBody = call.receiver() == Origin.OTHER && atom == null && call.arguments().length == 0
                    && call.owner().equals(f.owner());
            if (call.onThis() || lambdaBody) {
                context = SAME;
            } else if (atom != null && !atom.startsWith(MethodScan.RETURNED) && !atom.startsWith(MethodScan.FIELD)
                    && jdk.get(atom).isPresent()) {
                context = exact(classId(atom));
            }
        }
        for (String target : analysis.targets(call)) {
            if (analysis.follows(key, call, target)) {
                followed.add(id(target));
                followed.add(context);
            }
        }
    }

    /** Of {@code classes}, those JDK code ever stores into {@code field}: all of them where that is not known. */
    private java.util.Collection<String> stored(String field, java.util.Collection<String> classes) {
        Set<String> held = fieldTypes.classes(field);
        return held == null ? classes : classes.stream().filter(held::contains).toList();
    }

    private boolean cannotBeOverridden(String methodKey) {
        var flags = jdk.method(methodKey).orElseThrow().flags();
        var owner = jdk.get(methodKey.substring(0, methodKey.indexOf('.'))).orElseThrow().flags();
        return flags.has(java.lang.reflect.AccessFlag.PRIVATE) || flags.has(java.lang.reflect.AccessFlag.FINAL)
                || owner.has(java.lang.reflect.AccessFlag.FINAL);
    }

    private static int[] distinctPairs(List<Integer> pairs) {
        java.util.LinkedHashSet<Long> seen = new java.util.LinkedHashSet<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            seen.add(((long) pairs.get(i) << 32) | (pairs.get(i + 1) & 0xFFFFFFFFL));
        }
        int[] flat = new int[seen.size() * 2];
        int i = 0;
        for (long pair : seen) {
            flat[i++] = (int) (pair >> 32);
            flat[i++] = (int) pair;
        }
        return flat;
    }

    /** Whether a method's calls on {@code this}, directly or through the calls that keep its {@code this}, depend on it. */
    private boolean[] usesThis() {
        boolean[] uses = new boolean[keys.size()];
        Map<Integer, List<Integer>> keepers = new HashMap<>();
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        for (int m = 0; m < keys.size(); m++) {
            for (int i = 0; i < always[m].length; i += 2) {
                if (always[m][i + 1] == SAME) {
                    keepers.computeIfAbsent(always[m][i], k -> new ArrayList<>()).add(m);
                }
            }
            if (thisCalls[m].length > 0) {
                uses[m] = true;
                work.add(m);
            }
        }
        while (!work.isEmpty()) {
            for (int caller : keepers.getOrDefault(work.poll(), List.of())) {
                if (!uses[caller]) {
                    uses[caller] = true;
                    work.add(caller);
                }
            }
        }
        return uses;
    }

    /**
     * Numbers the sites ({@code type} and signature) and, for each, the classes the JDK creates
     * below the type with the method a call runs on one: per site, and per class.
     */
    private void indexSites(Map<Integer, Site[]> sitesById, Map<Integer, List<Object[]>> thisById) {
        Map<Site, Integer> siteIds = new HashMap<>();
        Map<String, Integer> targetOf = new HashMap<>();
        List<int[]> pairs = new ArrayList<>();
        java.util.function.Function<Site, Integer> number = site -> {
            Integer known = siteIds.get(site);
            if (known == null) {
                known = siteIds.size();
                siteIds.put(site, known);
                List<Integer> flat = new ArrayList<>();
                for (String concrete : analysis.instantiatedBelow(site.type())) {
                    Integer target = targetOf.computeIfAbsent(concrete + "." + site.signature(),
                            k -> jdk.dispatch(concrete, site.signature()).map(ids::get).orElse(-1));
                    if (target >= 0) {
                        flat.add(classId(concrete));
                        flat.add(target);
                    }
                }
                pairs.add(flat.stream().mapToInt(Integer::intValue).toArray());
            }
            return known;
        };
        siteOf = new int[keys.size()][];
        thisCalls = new int[keys.size()][];
        for (int m = 0; m < keys.size(); m++) {
            siteOf[m] = Arrays.stream(sitesById.getOrDefault(m, new Site[0])).mapToInt(number::apply).toArray();
            List<Object[]> own = thisById.getOrDefault(m, List.of());
            int[] triples = new int[own.size() * 3];
            for (int i = 0; i < own.size(); i++) {
                triples[3 * i] = number.apply((Site) own.get(i)[0]);
                triples[3 * i + 1] = (Integer) own.get(i)[1];
                triples[3 * i + 2] = (Integer) own.get(i)[2];
            }
            thisCalls[m] = triples;
        }
        bySite = pairs.toArray(int[][]::new);
        List<List<Integer>> perClass = new ArrayList<>();
        for (int site = 0; site < bySite.length; site++) {
            for (int i = 0; i < bySite[site].length; i += 2) {
                int c = bySite[site][i];
                while (perClass.size() <= c) {
                    perClass.add(new ArrayList<>());
                }
                perClass.get(c).add(site);
                perClass.get(c).add(bySite[site][i + 1]);
            }
        }
        byClass = new int[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            byClass[c] = c < perClass.size() ? perClass.get(c).stream().mapToInt(Integer::intValue).toArray() : new int[0];
        }
    }

    private boolean isSubclass(int classId, int of) {
        return classId < supertypes.length && Arrays.binarySearch(supertypes[classId], of) >= 0;
    }

    /** The method a virtual call of signature {@code signature} runs on an instance of exactly {@code classId}, or -1. */
    private int dispatch(int classId, int signature) {
        return dispatched.computeIfAbsent(((long) classId << 32) | signature, k -> jdk
                .dispatch(classes.get(classId), signatures.get(signature)).map(ids::get).orElse(-1));
    }

    private boolean isCut(int caller, int callee) {
        return cut.computeIfAbsent(((long) caller << 32) | callee, k -> analysis.isCut(keys.get(caller), keys.get(callee)));
    }

    /** Searches from every member given, two threads at a time. */
    void searchAll(Collection<String> members) {
        members.parallelStream().forEach(this::result);
    }

    /** The way from {@code methodKey} to a sink by its own code, or null. */
    Way way(String methodKey) {
        Result result = result(methodKey, NONE);
        return result == null ? null : result.way();
    }

    /** The way from {@code methodKey}, run on an instance of exactly {@code type}, to a sink by its own code, or null. */
    Way way(String methodKey, String type) {
        Result result = result(methodKey, context(type));
        return result == null ? null : result.way();
    }

    /** The classes {@code methodKey}'s own code creates, or null once it reaches a sink. */
    BitSet created(String methodKey) {
        Result result = result(methodKey, NONE);
        return result == null ? null : result.created();
    }

    String className(int classId) {
        return classes.get(classId);
    }

    private int context(String type) {
        Integer c = classIds.get(type);
        return c == null ? NONE : exact(c);
    }

    private Result result(String methodKey) {
        return result(methodKey, NONE);
    }

    private Result result(String methodKey, int context) {
        Integer start = ids.get(methodKey);
        if (start == null) {
            return null;
        }
        if (analysis.safeOverEveryClass(methodKey)) {
            return SAFE;
        }
        int normal = normal(start, context);
        return results.computeIfAbsent(new Searched(methodKey, normal), k -> search(start, normal));
    }

    /** The context a method is searched in: none where its calls on {@code this} do not depend on it. */
    private int normal(int method, int context) {
        if (!usesThis[method] || context == NONE || context == ANY) {
            return usesThis[method] ? context : NONE;
        }
        return isSubclass(classOf(context), ownerOf[method]) ? context : ANY;
    }

    /** One member's search: run-mode methods count their sinks; methods reached by initialisers only create. */
    private Result search(int start, int context) {
        Workspace w = WORKSPACE.get();
        if (w.siteMode == null || w.siteMode.length != bySite.length) {
            w.siteMode = new byte[bySite.length];
            w.siteParent = new int[bySite.length];
            w.contexts = new int[keys.size()];
        }
        try {
            return search(start, context, w);
        } finally {
            w.clear();
        }
    }

    private Result search(int start, int startContext, Workspace w) {
        BitSet created = new BitSet();
        BitSet createdByRun = new BitSet();
        reach(w, created, start, startContext, -1, (byte) 2);
        while (w.head < w.size) {
            int node = w.head++;
            if (w.queued[node] == 0) {
                continue; // entered again in run mode: the later entry does the work
            }
            w.queued[node] = 0;
            int m = w.method[node];
            int context = w.context[node];
            byte runs = w.mode[node];
            if (runs == 2 && (proven[m] != null || node != 0 && context == NONE && done(m) != null)) {
                // a sink reached through certain calls, or by a member searched before over fewer classes
                List<String> steps = new ArrayList<>();
                for (int step = w.parent[node]; step >= 0; step = w.parent[step]) {
                    steps.addFirst(keys.get(w.method[step]));
                }
                Way rest = proven[m] != null ? provenWay(keys.get(m)) : done(m);
                steps.addAll(rest.steps());
                return new Result(new Way(rest.sink(), List.copyOf(steps), rest.detail()), null);
            }
            int[] edges = always[m];
            for (int i = 0; i < edges.length; i += 2) {
                int edge = edges[i + 1];
                reach(w, created, edges[i], edge == SAME ? context : edge, node, runs);
            }
            for (int c : initialises[m]) {
                if (initialiser[c] >= 0) {
                    reach(w, created, initialiser[c], NONE, node, (byte) 1);
                }
            }
            for (int site : siteOf[m]) {
                activate(w, created, site, node, runs);
            }
            int[] onThis = thisCalls[m];
            for (int i = 0; i < onThis.length; i += 3) {
                int own = onThis[i + 2];
                if (isExact(context)) {
                    int target = dispatch(classOf(context), onThis[i + 1]);
                    if (target >= 0 && !isCut(m, target)) {
                        reach(w, created, target, context, node, runs);
                    }
                } else if (context == ANY) {
                    int[] pairs = bySite[onThis[i]];
                    for (int p = 0; p < pairs.length; p += 2) {
                        reach(w, created, pairs[p + 1], ANY, node, runs);
                    }
                    if (own >= 0) {
                        reach(w, created, own, ANY, node, runs);
                    }
                } else {
                    activate(w, created, onThis[i], node, runs);
                    if (own >= 0) {
                        reach(w, created, own, NONE, node, runs);
                    }
                }
            }
            if (runs == 2) {
                for (int c : holds[m]) {
                    createdByRun.set(c);
                }
            }
            for (int c : creates[m]) {
                if (created.get(c)) {
                    continue;
                }
                created.set(c);
                int[] pairs = byClass[c];
                for (int i = 0; i < pairs.length; i += 2) {
                    int site = pairs[i];
                    if (w.siteMode[site] != 0) {
                        reach(w, created, pairs[i + 1], exact(c), w.siteParent[site], w.siteMode[site]);
                    }
                }
            }
        }
        return new Result(null, createdByRun);
    }

    /** Resolves a site over the classes created so far, each target with its class as {@code this}. */
    private void activate(Workspace w, BitSet created, int site, int node, byte runs) {
        if (w.siteMode[site] >= runs) {
            return; // resolved already, over the same classes
        }
        if (w.siteMode[site] == 0) {
            w.sitesTouched.add(site);
        }
        w.siteMode[site] = runs;
        w.siteParent[site] = node;
        int[] pairs = bySite[site];
        for (int i = 0; i < pairs.length; i += 2) {
            if (created.get(pairs[i])) {
                reach(w, created, pairs[i + 1], exact(pairs[i]), node, runs);
            }
        }
    }

    /**
     * Enters {@code method} with {@code context} as {@code this}, unless it was entered so already
     * in this mode; past {@link #CONTEXTS} classes, without one (a class the search created is
     * among the classes a call on {@code this} is resolved over then; any other keeps every class).
     */
    private void reach(Workspace w, BitSet created, int method, int context, int from, byte how) {
        context = normal(method, context);
        if (isExact(context) && w.nodes.get(key(method, context)) < 0) {
            if (w.contexts[method] == 0) {
                w.methodsTouched.add(method);
            }
            if (++w.contexts[method] > CONTEXTS) {
                context = created.get(classOf(context)) ? NONE : ANY;
            }
        }
        long key = key(method, context);
        int node = w.nodes.get(key);
        if (node < 0) {
            w.nodes.put(key, w.size);
            w.add(method, context, from, how);
        } else if (w.mode[node] < how) {
            // once more, in run mode: a new entry at the end of the queue, with this way to it
            w.queued[node] = 0;
            w.nodes.put(key, w.size);
            w.add(method, context, from, how);
        }
    }

    private static long key(int method, int context) {
        return ((long) method << 32) | (context & 0xFFFFFFFFL);
    }

    /** One thread's arrays for a search, cleared after it. */
    private static final class Workspace {
        final NodeMap nodes = new NodeMap();
        int[] method = new int[1024];
        int[] context = new int[1024];
        int[] parent = new int[1024];
        byte[] mode = new byte[1024];
        byte[] queued = new byte[1024];
        int head;
        int size;
        byte[] siteMode;
        int[] siteParent;
        int[] contexts;
        final ArrayList<Integer> sitesTouched = new ArrayList<>();
        final ArrayList<Integer> methodsTouched = new ArrayList<>();

        void add(int m, int c, int from, byte how) {
            if (size == method.length) {
                method = Arrays.copyOf(method, size * 2);
                context = Arrays.copyOf(context, size * 2);
                parent = Arrays.copyOf(parent, size * 2);
                mode = Arrays.copyOf(mode, size * 2);
                queued = Arrays.copyOf(queued, size * 2);
            }
            method[size] = m;
            context[size] = c;
            parent[size] = from;
            mode[size] = how;
            queued[size] = 1;
            size++;
        }

        void clear() {
            nodes.clear();
            head = 0;
            size = 0;
            for (int site : sitesTouched) {
                siteMode[site] = 0;
            }
            sitesTouched.clear();
            for (int m : methodsTouched) {
                contexts[m] = 0;
            }
            methodsTouched.clear();
        }
    }

    /** Method and context to the node entered for them: open addressing over longs, no boxes (the search's hot path). */
    private static final class NodeMap {
        private long[] keys = new long[4096];
        private int[] values = new int[4096];
        private int count;

        /** The node, or -1. */
        int get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (values[i] == 0) {
                    return -1;
                }
                if (keys[i] == key) {
                    return values[i] - 1;
                }
            }
        }

        void put(long key, int value) {
            if (2 * (count + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (values[i] == 0) {
                    keys[i] = key;
                    values[i] = value + 1;
                    count++;
                    return;
                }
                if (keys[i] == key) {
                    values[i] = value + 1;
                    return;
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            count = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != 0) {
                    put(oldKeys[i], oldValues[i] - 1);
                }
            }
        }

        void clear() {
            if (count > 0) {
                Arrays.fill(values, 0);
                count = 0;
            }
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * Holdability, over the members searched: a class some JDK code creates whose called-back
     * methods ({@code callbacks}: each class to the methods a caller's virtual call may run on it)
     * reach a sink, run with that class as {@code this}, is unholdable, and a member whose own
     * code creates one, or reads one from a static field, is unsafe; repeated until nothing changes.
     */
    void settle(Map<String, Set<String>> callbacks) {
        callbacks.entrySet().parallelStream()
                .forEach(holder -> holder.getValue().forEach(target -> result(target, context(holder.getKey()))));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var holder : new java.util.TreeMap<>(callbacks).entrySet()) {
                if (unholdable.containsKey(holder.getKey())) {
                    continue;
                }
                for (String target : new java.util.TreeSet<>(holder.getValue())) {
                    Way way = unsafe(target, context(holder.getKey()));
                    if (way != null) {
                        unholdable.put(holder.getKey(), way);
                        changed = true;
                        break;
                    }
                }
            }
            for (Searched searched : results.keySet().stream().sorted(java.util.Comparator.comparing(Searched::method)
                    .thenComparingInt(Searched::context)).toList()) {
                Result result = results.get(searched);
                if (result.way() != null || holding.containsKey(searched)) {
                    continue;
                }
                for (int c = result.created().nextSetBit(0); c >= 0; c = result.created().nextSetBit(c + 1)) {
                    Way why = unholdable.get(classes.get(c));
                    if (why != null) {
                        List<String> steps = new ArrayList<>(List.of(searched.method()));
                        steps.addAll(why.steps());
                        holding.put(searched, new Way(why.sink(), List.copyOf(steps), "holds a "
                                + classes.get(c).replace('/', '.') + ", whose " + SurfaceFile.readable(why.steps().getFirst())
                                + " the JDK or its holder calls"));
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /** The way from {@code methodKey} to a sink, by its own code or through a class it holds, or null. */
    Way unsafe(String methodKey) {
        return unsafe(methodKey, NONE);
    }

    private Way unsafe(String methodKey, int context) {
        Result result = result(methodKey, context);
        if (result == null) {
            return null;
        }
        if (result.way() != null) {
            return result.way();
        }
        Integer id = ids.get(methodKey);
        return holding.get(new Searched(methodKey, normal(id, context)));
    }

    private final Map<String, Way> unholdable = new HashMap<>();
    private final Map<Searched, Way> holding = new ConcurrentHashMap<>();

    /** The way of a member searched already without a context, if it reaches a sink. */
    private Way done(int method) {
        Result result = results.get(new Searched(keys.get(method), NONE));
        return result == null ? null : result.way();
    }

    private Way provenWay(String methodKey) {
        List<String> steps = analysis.chain(methodKey, 64);
        SurfaceAnalysis.Cause last = analysis.causeIn(methodKey, steps.getLast());
        return new Way(analysis.proven(methodKey).sink(), steps, last.detail());
    }

}
