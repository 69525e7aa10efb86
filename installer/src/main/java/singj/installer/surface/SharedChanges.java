package singj.installer.surface;

import java.lang.classfile.Opcode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JDK methods a killed SIP's thread must not be stopped in: those that may change state
 * every SIP shares, so that an exception raised halfway could leave it broken for everyone (the
 * kernel's {@code ForcedStop}). A method is one when its own code writes a static field, writes
 * into or locks an object reached from one, or hands such an object to a callee that may change
 * it. The callee's frame cannot tell that its receiver or parameter is shared, so the caller's
 * frame, which stays on the stack for as long as the callee works, is the one listed.
 *
 * <p>What each method may change of its caller's objects (receiver and parameters) is found like
 * {@link DataFlows}: its own writes, then what its callees change of what it hands them, over the
 * call graph backwards until nothing changes. Objects nothing changes (strings, boxes, classes,
 * {@code BigInteger}s, locales, JDK enums) are left out, and so are {@code equals}, {@code hashCode},
 * {@code toString}, {@code clone}, {@code compareTo} and {@code compare}: their contract is to have
 * no effect a caller can see (the caches some fill are written whole or not at all).
 */
final class SharedChanges {
    private SharedChanges() {}

    /** Each unstoppable method with the first reason found, sorted. */
    static Map<String, String> unstoppable(SurfaceAnalysis analysis) {
        Map<String, Integer> changes = compute(analysis);
        Map<String, String> methods = new TreeMap<>();
        analysis.facts().forEach((key, f) -> {
            if (key.contains(".<clinit>(")) {
                return; // the kernel never stops a thread in a JDK class initialiser, whatever it does
            }
            if (f.sharedState() != null) {
                methods.put(key, f.sharedState());
                return;
            }
            for (MethodScan.Call call : f.calls()) {
                if (DataFlows.withoutVisibleEffect(call)) {
                    continue;
                }
                int[] positions = call.positions();
                for (String target : analysis.targets(call)) {
                    int theirs = changes.getOrDefault(target, 0);
                    for (int p = 0; p < positions.length; p++) {
                        if ((Origin.identity(positions[p]) & Origin.STATIC) != 0 && !call.fixedAt(p)
                                && (theirs & calleeBit(call, p)) != 0) {
                            methods.put(key, "hands an object reached from a static field to "
                                    + SurfaceFile.readable(target) + ", which may change it");
                            return;
                        }
                    }
                }
            }
        });
        return methods;
    }

    /** For each method with code, the caller's objects it may change, as its own {@link Origin#CALLER} bits. */
    static Map<String, Integer> compute(SurfaceAnalysis analysis) {
        Map<String, Integer> changes = new HashMap<>();
        Map<String, Set<String>> callers = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        analysis.facts().forEach((key, f) -> {
            changes.put(key, f.changes());
            if (f.changes() != 0) {
                work.add(key);
            }
            for (MethodScan.Call call : f.calls()) {
                if (!DataFlows.withoutVisibleEffect(call)) {
                    for (String target : analysis.targets(call)) {
                        callers.computeIfAbsent(target, k -> new HashSet<>()).add(key);
                    }
                }
            }
        });
        changes.merge("java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V", Origin.param(2), (a, b) -> a | b);
        work.add("java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V");
        while (!work.isEmpty()) {
            String callee = work.poll();
            int theirs = changes.getOrDefault(callee, 0);
            for (String caller : callers.getOrDefault(callee, Set.of())) {
                int mine = changes.get(caller);
                int added = mine;
                for (MethodScan.Call call : analysis.facts().get(caller).calls()) {
                    if (!DataFlows.withoutVisibleEffect(call) && analysis.targets(call).contains(callee)) {
                        int[] positions = call.positions();
                        for (int p = 0; p < positions.length; p++) {
                            if ((theirs & calleeBit(call, p)) != 0 && !call.fixedAt(p)) {
                                added |= Origin.identity(positions[p]) & Origin.CALLER;
                            }
                        }
                    }
                }
                if (added != mine) {
                    changes.put(caller, added);
                    work.add(caller);
                }
            }
        }
        return changes;
    }

    /** The callee's own bit for position {@code p} of a call (receiver first for an instance call). */
    private static int calleeBit(MethodScan.Call call, int p) {
        boolean instance = call.kind() != Opcode.INVOKESTATIC;
        return instance ? (p == 0 ? Origin.THIS : Origin.param(p - 1)) : Origin.param(p);
    }
}
