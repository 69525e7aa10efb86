package fuzzprog.a;

/** A superclass in another package than its subclasses: protected members, a protected constructor. */
public class Base implements Cloneable {
    protected int count;
    protected String label;
    protected static long created;

    protected Base(String label) {
        this.label = label;
        created++;
    }

    public Base() {
        this("base");
    }

    protected int bump(int by) {
        count += by;
        return count;
    }

    protected Base copy() throws CloneNotSupportedException {
        return (Base) clone();
    }

    public String describe() {
        return label + ":" + count;
    }
}
