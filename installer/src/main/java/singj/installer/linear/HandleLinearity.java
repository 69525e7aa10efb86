package singj.installer.linear;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import singj.installer.Violation;

/**
 * The install-time rule that exchange-heap blocks and channel endpoints are linear: at most one
 * live copy of each, kept only in locals, messages and {@code singj.abi.Owned} cells, and none
 * used after it was sent, freed, closed or moved. {@link MethodLinearity} walks each method;
 * this class chooses the methods and computes what each of the program's methods does with the
 * handles it is passed ({@link Summary}: borrow or move), to a fixed point over the whole program,
 * so that a call moves a handle exactly when some path of some callee gives it away.
 *
 * <p>Only reached code is checked (the rest never runs), and only classes whose constant pool
 * names {@code Block} or {@code Endpoint} (the others cannot hold a handle, except through an
 * {@code Object} parameter, which the summaries cover). The run-time generation check in every
 * handle stays as the second line.
 */
public final class HandleLinearity implements LinearityContext {
    /** The rules this check reports. */
    public static final Set<String> RULES = Set.of(Handles.ESCAPE, Handles.USE_AFTER_MOVE, Handles.COPY);

    /** One method of the program with code. */
    private record Target(String className, MethodModel method) {}

    private final Map<String, ClassModel> program;
    private final BiPredicate<String, String> isSubtype;
    private final Map<String, Summary> summaries = new HashMap<>();
    private final Map<String, Target> requested = new LinkedHashMap<>();

    private HandleLinearity(Map<String, ClassModel> program, BiPredicate<String, String> isSubtype) {
        this.program = program;
        this.isSubtype = isSubtype;
    }

    /**
     * Checks the program's reached code; returns the violations in class and code order.
     *
     * @param program the program's classes by internal name
     * @param isSubtype whether the first internal name extends or implements the second
     * @param reached whether a method of the class (internal name) can run
     * @param exempt classes (internal names) not to check: contracts (whose records hold handles by
     *               design) and classes the type verifier refused
     */
    public static List<Violation> check(Map<String, ClassModel> program, BiPredicate<String, String> isSubtype,
                                        BiPredicate<String, MethodModel> reached, Set<String> exempt) {
        HandleLinearity linearity = new HandleLinearity(program, isSubtype);
        List<Target> checked = new ArrayList<>();
        for (var entry : program.entrySet()) {
            if (exempt.contains(entry.getKey()) || !mentionsHandles(entry.getValue())) {
                continue;
            }
            for (MethodModel method : entry.getValue().methods()) {
                if (method.code().isPresent() && reached.test(entry.getKey(), method)) {
                    checked.add(new Target(entry.getKey(), method));
                }
            }
        }
        linearity.summarise(checked);
        List<Violation> violations = new ArrayList<>();
        for (Target target : checked) {
            try {
                MethodLinearity.analyse(Handles.binary(target.className()), target.method(), linearity, violations);
            } catch (RuntimeException e) {
                violations.add(new Violation("malformed-class", Handles.binary(target.className()),
                        target.method().methodName().stringValue() + target.method().methodType().stringValue(), -1, -1,
                        "the linearity check failed on this method, which is a bug in the verifier: " + e));
            }
        }
        return violations;
    }

    private static boolean mentionsHandles(ClassModel model) {
        for (PoolEntry entry : model.constantPool()) {
            if (entry instanceof Utf8Entry utf8 && Handles.mentioned(utf8.stringValue())) {
                return true;
            }
        }
        return false;
    }

    /** Summaries of every method the checked ones call with a tracked argument, and theirs: to a fixed point. */
    private void summarise(List<Target> checked) {
        boolean changed = true;
        while (changed) {
            changed = false;
            int before = requested.size();
            List<Target> all = new ArrayList<>(checked);
            all.addAll(requested.values());
            for (Target target : all) {
                Summary summary;
                try {
                    summary = MethodLinearity.analyse(Handles.binary(target.className()), target.method(), this, null);
                } catch (RuntimeException e) {
                    continue; // reported by the checking walk
                }
                String key = key(target.className(), target.method());
                Summary known = summaries.get(key);
                // only which parameters matters: the texts of mutually recursive methods would grow forever
                if (known == null || !known.consumes().keySet().equals(summary.consumes().keySet())
                        || !known.escapes().keySet().equals(summary.escapes().keySet())) {
                    summaries.put(key, summary);
                    changed = true;
                }
            }
            changed |= requested.size() != before;
        }
    }

    @Override
    public boolean isMessage(String owner) {
        return owner.equals(Handles.CHANNEL) || isSubtype.test(owner, Handles.MESSAGE);
    }

    @Override
    public List<Summary> summaries(InvokeInstruction invoke) {
        String owner = invoke.owner().asInternalName();
        if (!program.containsKey(owner)) {
            return List.of(); // the JDK's or the ABI's code, or a program method reached through a JDK type
        }
        String name = invoke.name().stringValue();
        String descriptor = invoke.type().stringValue();
        List<Summary> found = new ArrayList<>();
        String declaring = null;
        for (String c = owner; c != null && program.containsKey(c); c = program.get(c).superclass()
                .map(s -> s.asInternalName()).orElse(null)) {
            MethodModel method = declared(program.get(c), name, descriptor);
            if (method != null) {
                declaring = c;
                addSummary(found, c, method);
                break;
            }
        }
        if (invoke.opcode() == Opcode.INVOKEVIRTUAL || invoke.opcode() == Opcode.INVOKEINTERFACE) {
            for (var entry : program.entrySet()) {
                if (!entry.getKey().equals(declaring) && isSubtype.test(entry.getKey(), owner)) {
                    MethodModel method = declared(entry.getValue(), name, descriptor);
                    if (method != null) {
                        addSummary(found, entry.getKey(), method);
                    }
                }
            }
        }
        if (found.isEmpty() && declaring == null && !program.get(owner).flags().has(java.lang.reflect.AccessFlag.INTERFACE)) {
            return List.of(); // inherited from the JDK
        }
        if (found.isEmpty()) {
            found.add(Summary.BORROWS); // abstract everywhere in the program: nothing runs
        }
        return found;
    }

    private void addSummary(List<Summary> found, String className, MethodModel method) {
        if (method.code().isEmpty()) {
            return; // abstract: its overrides speak for it
        }
        String key = key(className, method);
        Summary summary = summaries.get(key);
        if (summary == null) {
            requested.putIfAbsent(key, new Target(className, method));
            summary = Summary.BORROWS; // for now: the fixed point comes back to it
        }
        found.add(summary);
    }

    private static MethodModel declared(ClassModel model, String name, String descriptor) {
        for (MethodModel method : model.methods()) {
            if (method.methodName().equalsString(name) && method.methodType().equalsString(descriptor)) {
                return method;
            }
        }
        return null;
    }

    private static String key(String className, MethodModel method) {
        return className + "." + method.methodName().stringValue() + method.methodType().stringValue();
    }
}
