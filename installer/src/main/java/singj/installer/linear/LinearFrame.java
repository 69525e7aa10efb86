package singj.installer.linear;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The linearity state at one point of a method: what each local and stack word holds, the fate
 * of every tracked value, and which handles each local array of handles holds (for
 * {@code Endpoint.select}). Words, not values: a long or double takes two words that hold nothing.
 */
final class LinearFrame {
    final Value[] locals;
    final Value[] stack;
    int depth;
    private Fate[] fates;
    /** Handles put into each array of handles the method created itself, by the array's id. */
    private final Map<Integer, Ids> contents;

    LinearFrame(int maxLocals, int maxStack) {
        locals = new Value[maxLocals];
        stack = new Value[Math.max(1, maxStack)];
        Arrays.fill(locals, Value.NONE);
        Arrays.fill(stack, Value.NONE);
        fates = new Fate[16];
        contents = new HashMap<>();
    }

    private LinearFrame(LinearFrame other) {
        locals = other.locals.clone();
        stack = other.stack.clone();
        depth = other.depth;
        fates = other.fates.clone();
        contents = new HashMap<>(other.contents);
    }

    LinearFrame copy() {
        return new LinearFrame(this);
    }

    void push(Value value) {
        stack[depth++] = value;
    }

    Value pop() {
        Value top = stack[--depth];
        stack[depth] = Value.NONE;
        return top;
    }

    Value peek(int below) {
        return stack[depth - 1 - below];
    }

    void pushWords(int words) {
        for (int i = 0; i < words; i++) {
            push(Value.NONE);
        }
    }

    void popWords(int words) {
        for (int i = 0; i < words; i++) {
            pop();
        }
    }

    /** The fate of {@code id}, or null if no path to here has produced it. */
    Fate fate(int id) {
        return id < fates.length ? fates[id] : null;
    }

    void setFate(int id, Fate fate) {
        if (id >= fates.length) {
            fates = Arrays.copyOf(fates, Math.max(fates.length * 2, id + 1));
        }
        fates[id] = fate;
    }

    Ids contents(int arrayId) {
        return contents.getOrDefault(arrayId, Ids.NONE);
    }

    void setContents(int arrayId, Ids handles) {
        if (handles.isEmpty()) {
            contents.remove(arrayId);
        } else {
            contents.put(arrayId, handles);
        }
    }

    /**
     * Forgets the fate of every value no word holds any more (nor a message a word holds, for a
     * handle read from it): nothing can use it again, and a stale fate would otherwise meet a
     * fresh value of the same id where paths join.
     */
    void forgetUnreachable(Map<Integer, List<Integer>> derivedOf) {
        BitSet reachable = new BitSet();
        for (Value local : locals) {
            mark(local.ids(), reachable, derivedOf);
        }
        for (int i = 0; i < depth; i++) {
            mark(stack[i].ids(), reachable, derivedOf);
        }
        for (int id = 0; id < fates.length; id++) {
            if (fates[id] != null && !reachable.get(id)) {
                fates[id] = null;
            }
        }
        contents.keySet().removeIf(id -> !reachable.get(id));
    }

    private void mark(Ids ids, BitSet reachable, Map<Integer, List<Integer>> derivedOf) {
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            if (reachable.get(id)) {
                continue;
            }
            reachable.set(id);
            for (int derived : derivedOf.getOrDefault(id, List.of())) {
                reachable.set(derived);
            }
            mark(contents(id), reachable, derivedOf);
        }
    }

    /** Renames ids in every word (a site producing its value again: the earlier one becomes "older"). */
    void rename(IntUnaryOperator rename) {
        for (int i = 0; i < locals.length; i++) {
            Value v = locals[i];
            if (!v.ids().isEmpty()) {
                locals[i] = new Value(v.ids().map(rename), v.movedTo(), v.movedAt());
            }
        }
        for (int i = 0; i < depth; i++) {
            Value v = stack[i];
            if (!v.ids().isEmpty()) {
                stack[i] = new Value(v.ids().map(rename), v.movedTo(), v.movedAt());
            }
        }
    }

    /** Joins {@code other} into this frame; true if anything changed. Stack depths agree (the types were verified). */
    boolean mergeFrom(LinearFrame other) {
        boolean changed = joinInto(stack, other.stack, Math.min(depth, other.depth));
        return mergeLocalsFrom(other) | changed;
    }

    /** Joins the locals, fates and array contents, not the stack (an exception handler keeps its own). */
    boolean mergeLocalsFrom(LinearFrame other) {
        boolean changed = joinInto(locals, other.locals, locals.length);
        return mergeFatesAndContents(other) | changed;
    }

    /** Joins the first {@code count} values of {@code from} into {@code into}; true if any changed. */
    private static boolean joinInto(Value[] into, Value[] from, int count) {
        boolean changed = false;
        for (int i = 0; i < count; i++) {
            Value joined = into[i].join(from[i]);
            changed |= !joined.equals(into[i]);
            into[i] = joined;
        }
        return changed;
    }

    private boolean mergeFatesAndContents(LinearFrame other) {
        boolean changed = false;
        int n = Math.max(fates.length, other.fates.length);
        for (int id = 0; id < n; id++) {
            Fate mine = fate(id);
            Fate joined = Fate.join(mine, other.fate(id));
            if (joined != null && !joined.equals(mine)) {
                setFate(id, joined);
                changed = true;
            }
        }
        for (var entry : other.contents.entrySet()) {
            Ids mine = contents(entry.getKey());
            Ids joined = mine.union(entry.getValue());
            if (!joined.equals(mine)) {
                contents.put(entry.getKey(), joined);
                changed = true;
            }
        }
        return changed;
    }
}
