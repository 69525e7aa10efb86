package singj.installer.linear;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The tracked values one slot may hold, as a sorted set of value ids: one id on a straight path,
 * several where paths that put different values there have joined.
 */
final class Ids {
    static final Ids NONE = new Ids(new int[0]);

    private final int[] ids;

    private Ids(int[] sorted) {
        this.ids = sorted;
    }

    static Ids of(int id) {
        return new Ids(new int[] {id});
    }

    boolean isEmpty() {
        return ids.length == 0;
    }

    int size() {
        return ids.length;
    }

    int get(int index) {
        return ids[index];
    }

    boolean contains(int id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    boolean intersects(Ids other) {
        for (int id : ids) {
            if (other.contains(id)) {
                return true;
            }
        }
        return false;
    }

    Ids union(Ids other) {
        if (other.ids.length == 0 || this == other) {
            return this;
        }
        if (ids.length == 0) {
            return other;
        }
        int[] merged = new int[ids.length + other.ids.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ids.length || j < other.ids.length) {
            int next;
            if (j == other.ids.length || (i < ids.length && ids[i] < other.ids[j])) {
                next = ids[i++];
            } else if (i == ids.length || other.ids[j] < ids[i]) {
                next = other.ids[j++];
            } else {
                next = ids[i++];
                j++;
            }
            merged[n++] = next;
        }
        return n == ids.length ? this : n == other.ids.length ? other : new Ids(Arrays.copyOf(merged, n));
    }

    /** Each id replaced by {@code rename}'s answer (duplicates collapse). */
    Ids map(IntUnaryOperator rename) {
        int[] renamed = new int[ids.length];
        boolean changed = false;
        for (int i = 0; i < ids.length; i++) {
            renamed[i] = rename.applyAsInt(ids[i]);
            changed |= renamed[i] != ids[i];
        }
        if (!changed) {
            return this;
        }
        return new Ids(Arrays.stream(renamed).sorted().distinct().toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ids other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
