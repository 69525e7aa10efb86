package singj.installer.linear;

/**
 * What one local or stack word holds, as far as linearity cares: the tracked values it may be
 * (none for primitives, constants and null), and, for a local, whether the handle in it was moved
 * to another local since (so that this copy must not be used again).
 *
 * @param ids the values this word may hold
 * @param movedTo the local the handle was moved to, or -1
 * @param movedAt the offset of the store that moved it, or -1
 */
record Value(Ids ids, int movedTo, int movedAt) {
    static final Value NONE = new Value(Ids.NONE, -1, -1);

    static Value of(int id) {
        return new Value(Ids.of(id), -1, -1);
    }

    static Value of(Ids ids) {
        return ids.isEmpty() ? NONE : new Value(ids, -1, -1);
    }

    boolean isMoved() {
        return movedTo >= 0;
    }

    Value movedTo(int local, int offset) {
        return new Value(ids, local, offset);
    }

    /** Where paths join: any value of either, moved if moved on either. */
    Value join(Value other) {
        if (this.equals(other)) {
            return this;
        }
        Ids both = ids.union(other.ids);
        return isMoved() ? new Value(both, movedTo, movedAt)
                : other.isMoved() ? new Value(both, other.movedTo, other.movedAt) : Value.of(both);
    }
}
