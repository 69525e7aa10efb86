package singj.installer.surface;

import java.util.ArrayList;
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
 * <li>a call on a receiver of unknown class, and the overrides a call on {@code this} may run, are
 *     resolved over the classes created so far by the methods the search has reached, and again
 *     each time one more class is created;</li>
 * <li>a receiver read from a field whose classes are unknown may be an object other code made, so
 *     that call keeps every class the JDK creates below the field's type;</li>
 * <li>a call on an object the caller handed in, {@code this} of the member included, is not
 *     followed: that object's methods are its class's own members, judged on their own; a JDK
 *     object a SIP can hold is safe to call only if its class is holdable, which the last step
 *     decides: a class whose called-back methods reach a sink is unholdable, and a member whose
 *     code creates one is unsafe, repeated until nothing changes.</li>
 * </ul>
 * Objects a class initialiser makes are created too (they are what static fields and the
 * tables behind them hold): the methods a class initialiser reaches add the classes they create,
 * but their sinks are not the member's, since an initialiser runs once for the JVM.
 *
 * <p>A search stops at a method the proven table has, and at a member searched before that
 * reached a sink (its classes are a subset of this member's, so the sink is reached here too).
 * Which member was searched first depends on the threads, so the way reported may differ from run
 * to run; whether a member reaches a sink does not.
 */
final class EntryReach {
    /** Why a member reaches a sink: its way there (the member first, the method with the sink last). */
    record Way(Sink sink, List<String> steps, String detail) {}

    private final SurfaceAnalysis analysis;
    private final JdkClasses jdk;
    private final List<String> keys = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    /** Per method: the targets always followed, the classes it creates, the classes whose initialisers it may run. */
    private int[][] always;
    private int[][] creates;
    private int[][] initialises;
    /** Per method: the classes it creates, and those a static field it reads may hold that may be unholdable. */
    private int[][] holds;
    /** Per method: why it reaches a sink through certain calls whoever calls it, or null. */
    private SurfaceAnalysis.Cause[] proven;
    /** Per method, its sites; per site, class and target pairs; per class, site and target pairs. */
    private int[][] siteOf;
    private int[][] bySite;
    private int[][] byClass;
    private final List<String> classes = new ArrayList<>();
    private final Map<String, Integer> classIds = new HashMap<>();
    /** The class initialiser of each class id, or -1. */
    private int[] initialiser;

    /** A call resolved per member: over the created classes below {@code type}. */
    private record Site(String type, String signature) {}

    /** What one search found: the way to a sink, or the classes the member creates. */
    private record Result(Way way, BitSet created) {}

    private static final Result SAFE = new Result(null, new BitSet());
    private final Map<String, Result> results = new ConcurrentHashMap<>();

    EntryReach(SurfaceAnalysis analysis) {
        this.analysis = analysis;
        this.jdk = analysis.jdk();
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

    private void index() {
        Map<String, MethodScan.Facts> facts = analysis.facts();
        facts.keySet().stream().sorted().forEach(this::id);
        Map<Integer, int[]> alwaysById = new HashMap<>();
        Map<Integer, Site[]> sitesById = new HashMap<>();
        Map<Integer, int[]> createsById = new HashMap<>();
        Map<Integer, int[]> initialisesById = new HashMap<>();
        Map<Integer, int[]> holdsById = new HashMap<>();
        for (String key : keys.subList(0, facts.size()).stream().toList()) {
            MethodScan.Facts f = facts.get(key);
            List<Integer> followed = new ArrayList<>();
            List<Site> resolved = new ArrayList<>();
            for (MethodScan.Call call : f.calls()) {
                String over = analysis.dispatchedOver(call);
                if (over == null) {
                    for (String target : analysis.targets(call)) {
                        if (analysis.follows(key, call, target)) {
                            followed.add(id(target));
                        }
                    }
                    continue;
                }
                if (call.onCallersObject()) {
                    continue;
                }
                if (call.onThis()) { // the method the class itself links it to runs unless a subclass overrides it
                    String own = jdk.resolve(f.owner(), call.nameAndType()).filter(k -> !jdk.isAbstract(k)).orElse(null);
                    if (own != null && analysis.targets(call).contains(own) && analysis.follows(key, call, own)) {
                        followed.add(id(own));
                    }
                }
                resolved.add(new Site(over, call.nameAndType()));
            }
            int me = ids.get(key);
            alwaysById.put(me, followed.stream().mapToInt(Integer::intValue).distinct().toArray());
            sitesById.put(me, resolved.stream().distinct().toArray(Site[]::new));
            createsById.put(me, f.created().stream().filter(c -> jdk.get(c).isPresent()).mapToInt(this::classId).toArray());
            java.util.TreeSet<String> held = new java.util.TreeSet<>(f.created());
            f.staticReads().forEach(field -> held.addAll(analysis.mayHoldUnholdable(field)));
            holdsById.put(me, held.stream().filter(c -> jdk.get(c).isPresent()).mapToInt(this::classId).toArray());
            List<Integer> touched = new ArrayList<>();
            f.created().forEach(c -> touched.add(classId(c)));
            f.staticReads().forEach(field -> touched.add(classId(field.substring(0, field.lastIndexOf('.')))));
            f.calls().stream().filter(c -> c.kind() == java.lang.classfile.Opcode.INVOKESTATIC)
                    .forEach(c -> touched.add(classId(c.owner())));
            initialisesById.put(me, touched.stream().mapToInt(Integer::intValue).distinct().toArray());
        }
        int n = keys.size();
        always = new int[n][];
        creates = new int[n][];
        initialises = new int[n][];
        holds = new int[n][];
        proven = new SurfaceAnalysis.Cause[n];
        for (int m = 0; m < n; m++) {
            always[m] = alwaysById.getOrDefault(m, new int[0]);
            creates[m] = createsById.getOrDefault(m, new int[0]);
            initialises[m] = initialisesById.getOrDefault(m, new int[0]);
            holds[m] = holdsById.getOrDefault(m, new int[0]);
            proven[m] = analysis.provenForCallers(keys.get(m));
        }
        indexSites(sitesById);
        initialiser = new int[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            Integer init = ids.get(classes.get(c) + ".<clinit>()V");
            initialiser[c] = init == null ? -1 : init;
        }
    }

    /**
     * Numbers the sites ({@code type} and signature) and, for each, the classes the JDK creates
     * below the type with the method a call runs on one: per site, and per class.
     */
    private void indexSites(Map<Integer, Site[]> sitesById) {
        Map<Site, Integer> siteIds = new HashMap<>();
        Map<String, Integer> dispatched = new HashMap<>();
        List<int[]> pairs = new ArrayList<>();
        siteOf = new int[keys.size()][];
        for (int m = 0; m < keys.size(); m++) {
            Site[] own = sitesById.getOrDefault(m, new Site[0]);
            int[] numbered = new int[own.length];
            for (int i = 0; i < own.length; i++) {
                Site site = own[i];
                Integer known = siteIds.get(site);
                if (known == null) {
                    known = siteIds.size();
                    siteIds.put(site, known);
                    List<Integer> flat = new ArrayList<>();
                    for (String concrete : analysis.instantiatedBelow(site.type())) {
                        Integer target = dispatched.computeIfAbsent(concrete + "." + site.signature(),
                                k -> jdk.dispatch(concrete, site.signature()).map(ids::get).orElse(-1));
                        if (target >= 0) {
                            flat.add(classId(concrete));
                            flat.add(target);
                        }
                    }
                    pairs.add(flat.stream().mapToInt(Integer::intValue).toArray());
                }
                numbered[i] = known;
            }
            siteOf[m] = numbered;
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

    /** Searches from every member given, two threads at a time. */
    void searchAll(Collection<String> members) {
        members.parallelStream().forEach(this::result);
    }

    /** The way from {@code methodKey} to a sink by its own code, or null. */
    Way way(String methodKey) {
        Result result = result(methodKey);
        return result == null ? null : result.way();
    }

    /** The classes {@code methodKey}'s own code creates, or null once it reaches a sink. */
    BitSet created(String methodKey) {
        Result result = result(methodKey);
        return result == null ? null : result.created();
    }

    String className(int classId) {
        return classes.get(classId);
    }

    private Result result(String methodKey) {
        Integer start = ids.get(methodKey);
        if (start == null) {
            return null;
        }
        if (analysis.safeOverEveryClass(methodKey)) {
            return SAFE;
        }
        return results.computeIfAbsent(methodKey, k -> search(start));
    }

    /** One member's search: run-mode methods count their sinks; methods reached by initialisers only create. */
    private Result search(int start) {
        Workspace w = WORKSPACE.get();
        if (w.mode == null || w.mode.length != keys.size()) {
            w.mode = new byte[keys.size()];
            w.parent = new int[keys.size()];
            w.queue = new int[keys.size() * 2 + 1];
            w.siteMode = new byte[bySite.length];
            w.siteParent = new int[bySite.length];
        }
        try {
            return search(start, w);
        } finally {
            w.clear();
        }
    }

    private Result search(int start, Workspace w) {
        BitSet created = new BitSet();
        BitSet createdByRun = new BitSet();
        w.reach(start, -1, (byte) 2);
        while (w.head < w.tail) {
            int m = w.queue[w.head++];
            byte runs = w.mode[m];
            if (runs == 2 && (proven[m] != null || m != start && done(m) != null)) {
                // a sink reached through certain calls, or by a member searched before over fewer classes
                List<String> steps = new ArrayList<>();
                for (int step = w.parent[m]; step >= 0; step = w.parent[step]) {
                    steps.addFirst(keys.get(step));
                }
                Way rest = proven[m] != null ? provenWay(keys.get(m)) : done(m);
                steps.addAll(rest.steps());
                return new Result(new Way(rest.sink(), List.copyOf(steps), rest.detail()), null);
            }
            for (int target : always[m]) {
                w.reach(target, m, runs);
            }
            for (int c : initialises[m]) {
                if (initialiser[c] >= 0) {
                    w.reach(initialiser[c], m, (byte) 1);
                }
            }
            for (int site : siteOf[m]) {
                if (w.siteMode[site] >= runs) {
                    continue; // resolved already, over the same classes
                }
                if (w.siteMode[site] == 0) {
                    w.sitesTouched.add(site);
                }
                w.siteMode[site] = runs;
                w.siteParent[site] = m;
                int[] pairs = bySite[site];
                for (int i = 0; i < pairs.length; i += 2) {
                    if (created.get(pairs[i])) {
                        w.reach(pairs[i + 1], m, runs);
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
                        w.reach(pairs[i + 1], w.siteParent[site], w.siteMode[site]);
                    }
                }
            }
        }
        return new Result(null, createdByRun);
    }

    /** One thread's arrays for a search, cleared after it. */
    private static final class Workspace {
        byte[] mode;
        int[] parent;
        int[] queue;
        int head;
        int tail;
        byte[] siteMode;
        int[] siteParent;
        final java.util.ArrayList<Integer> sitesTouched = new java.util.ArrayList<>();

        void reach(int target, int from, byte how) {
            if (mode[target] < how) {
                mode[target] = how;
                parent[target] = from;
                queue[tail++] = target; // a method enters at most twice: once per mode
            }
        }

        void clear() {
            for (int i = 0; i < tail; i++) {
                mode[queue[i]] = 0;
            }
            head = 0;
            tail = 0;
            for (int site : sitesTouched) {
                siteMode[site] = 0;
            }
            sitesTouched.clear();
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * Holdability, over the members searched: a class some JDK code creates whose called-back
     * methods ({@code callbacks}: each class to the methods a caller's virtual call may run on it)
     * reach a sink is unholdable, and a member whose own code creates one, or reads one from a
     * static field, is unsafe; repeated until nothing changes.
     */
    void settle(Map<String, Set<String>> callbacks) {
        callbacks.values().stream().flatMap(Set::stream).distinct().toList().parallelStream().forEach(this::result);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var holder : new java.util.TreeMap<>(callbacks).entrySet()) {
                if (unholdable.containsKey(holder.getKey())) {
                    continue;
                }
                for (String target : new java.util.TreeSet<>(holder.getValue())) {
                    Way way = unsafe(target);
                    if (way != null) {
                        unholdable.put(holder.getKey(), way);
                        changed = true;
                        break;
                    }
                }
            }
            for (String member : new java.util.TreeSet<>(results.keySet())) {
                Result result = results.get(member);
                if (result.way() != null || holding.containsKey(member)) {
                    continue;
                }
                for (int c = result.created().nextSetBit(0); c >= 0; c = result.created().nextSetBit(c + 1)) {
                    Way why = unholdable.get(classes.get(c));
                    if (why != null) {
                        List<String> steps = new ArrayList<>(List.of(member));
                        steps.addAll(why.steps());
                        holding.put(member, new Way(why.sink(), List.copyOf(steps), "holds a "
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
        Way own = way(methodKey);
        return own != null ? own : holding.get(methodKey);
    }

    private final Map<String, Way> unholdable = new HashMap<>();
    private final Map<String, Way> holding = new ConcurrentHashMap<>();

    /** The way of a member searched already, if it reaches a sink. */
    private Way done(int method) {
        Result result = results.get(keys.get(method));
        return result == null ? null : result.way();
    }

    private Way provenWay(String methodKey) {
        List<String> steps = analysis.chain(methodKey, 64);
        SurfaceAnalysis.Cause last = analysis.causeIn(methodKey, steps.getLast());
        return new Way(analysis.proven(methodKey).sink(), steps, last.detail());
    }

}
