package fuzzprog.b;

import fuzzprog.a.Base;
import java.io.Serializable;

/** Uses its superclass's protected members on itself and on other objects, from another package. */
public class Derived extends Base implements Serializable {
    private final int[] values;
    private Derived next;

    public Derived(String label, int n) {
        super(label.isEmpty() ? "empty" : label);
        values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * i;
        }
    }

    public int total(Derived other) {
        int sum = bump(1) + other.bump(2) + other.count;
        for (int v : values) {
            sum += v;
        }
        if (next != null) {
            sum += next.total(this);
        }
        return sum;
    }

    public Derived link(Derived d) {
        next = d;
        label = label + "->" + d.label;
        return this;
    }

    public Object pick(boolean first, Object a, Serializable b) {
        Object o = first ? a : b;
        Cloneable c = values;
        return o == null ? c : o;
    }

    public static long created() {
        return created;
    }

    @Override
    protected Derived copy() throws CloneNotSupportedException {
        return (Derived) super.copy();
    }
}
