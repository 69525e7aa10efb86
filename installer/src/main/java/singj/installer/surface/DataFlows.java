package singj.installer.surface;

import java.lang.classfile.Opcode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each JDK method may store its caller's data: for each position of its frame (receiver,
 * parameters, shared objects; see {@link Origin#POSITIONS}), the positions whose data it may
 * store into the object there, directly or through the methods it calls. Data of the caller's
 * that reaches the shared position stays in JVM-wide state, where another SIP can see it and the
 * collector never frees it: that is what finds {@code CACHE.put(key, value)} two calls deep.
 */
final class DataFlows {
    private DataFlows() {}

    /**
     * The methods that hand an object every SIP shares, with their caller's data, to a callee that
     * stores the one in the other: each with that callee. (A callee's own writes to shared objects
     * are its own sink, which reaches its callers through the call graph.)
     */
    static Map<String, String> sharedWrites(SurfaceAnalysis analysis) {
        Map<String, int[]> flows = compute(analysis);
        Map<String, String> roots = new HashMap<>();
        analysis.facts().forEach((key, f) -> {
            for (MethodScan.Call call : f.calls()) {
                if (storesNothing(call)) {
                    continue;
                }
                for (String target : analysis.targets(call)) {
                    int[] theirs = flows.get(target);
                    if (theirs != null && !analysis.isCut(key, target) && storesIntoShared(theirs, call)) {
                        roots.putIfAbsent(key, target);
                    }
                }
            }
        });
        return roots;
    }

    private static boolean storesIntoShared(int[] theirs, MethodScan.Call call) {
        boolean instance = call.kind() != Opcode.INVOKESTATIC;
        int[] positions = call.positions();
        for (int position = 0; position < Origin.STATIC_POSITION; position++) {
            if (theirs[position] != 0
                    && (Origin.atCallSite(Origin.bit(position), positions, instance) & Origin.STATIC) != 0
                    && Origin.data(Origin.atCallSite(theirs[position], positions, instance)) != 0) {
                return true;
            }
        }
        return false;
    }

    static Map<String, int[]> compute(SurfaceAnalysis analysis) {
        Map<String, int[]> flows = new HashMap<>();
        Map<String, Set<String>> callers = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        analysis.facts().forEach((key, f) -> {
            flows.put(key, f.flows().clone());
            if (!analysis.jdk().hasInstanceFields(key.substring(0, key.indexOf('.')))) {
                flows.get(key)[0] = 0; // nothing can be stored into an object without fields
            }
            for (int sources : f.flows()) {
                if (sources != 0) {
                    work.add(key);
                    break;
                }
            }
            for (MethodScan.Call call : f.calls()) {
                if (!storesNothing(call)) {
                    for (String target : analysis.targets(call)) {
                        if (!analysis.isCut(key, target)) {
                            callers.computeIfAbsent(target, k -> new HashSet<>()).add(key);
                        }
                    }
                }
            }
        });
        while (!work.isEmpty()) {
            String callee = work.poll();
            int[] theirs = flows.get(callee);
            for (String caller : callers.getOrDefault(callee, Set.of())) {
                int[] mine = flows.get(caller);
                boolean changed = false;
                for (MethodScan.Call call : analysis.facts().get(caller).calls()) {
                    if (!storesNothing(call) && analysis.targets(call).contains(callee)) {
                        changed |= apply(mine, theirs, call);
                    }
                }
                if (!analysis.jdk().hasInstanceFields(caller.substring(0, caller.indexOf('.')))) {
                    mine[0] = 0;
                }
                if (changed) {
                    work.add(caller);
                }
            }
        }
        return flows;
    }

    /**
     * Whether a call is taken to store none of its arguments: {@code equals}, {@code hashCode},
     * {@code toString}, {@code compareTo} and {@code compare} called back on the caller's own
     * objects. Their contract is to have no effect their caller can see; following them over
     * every class the JDK creates would make every {@code a.equals(b)} a possible store of
     * {@code b} into {@code a} (one JDK class, {@code URL}, caches a resolved address in
     * {@code equals}).
     */
    static boolean storesNothing(MethodScan.Call call) {
        return call.onCallersObject() && withoutVisibleEffect(call) && !call.nameAndType().startsWith("clone(");
    }

    /**
     * Whether {@code call} is one whose contract is to have no effect its caller can see:
     * {@code equals}, {@code hashCode}, {@code toString}, {@code clone}, {@code compareTo},
     * {@code compare} (the caches some fill are written whole or not at all).
     */
    static boolean withoutVisibleEffect(MethodScan.Call call) {
        return switch (call.nameAndType()) {
            case "equals(Ljava/lang/Object;)Z", "hashCode()I", "toString()Ljava/lang/String;", "clone()Ljava/lang/Object;",
                 "compareTo(Ljava/lang/Object;)I", "compare(Ljava/lang/Object;Ljava/lang/Object;)I" -> true;
            default -> false;
        };
    }

    /** Adds to the caller's flows {@code mine} what the callee's {@code theirs} does at {@code call}. */
    private static boolean apply(int[] mine, int[] theirs, MethodScan.Call call) {
        boolean instance = call.kind() != Opcode.INVOKESTATIC;
        int[] positions = call.positions();
        boolean changed = false;
        for (int position = 0; position < Origin.STATIC_POSITION; position++) {
            if (theirs[position] == 0) {
                continue;
            }
            int targets = Origin.atCallSite(Origin.bit(position), positions, instance);
            int sources = Origin.data(Origin.atCallSite(theirs[position], positions, instance));
            for (int bits = Origin.identity(targets) & Origin.CALLER; bits != 0; bits &= bits - 1) {
                int target = Integer.lowestOneBit(bits);
                int slot = Origin.position(target);
                int added = mine[slot] | (sources & ~target);
                if (added != mine[slot]) {
                    mine[slot] = added;
                    changed = true;
                }
            }
        }
        return changed;
    }
}
