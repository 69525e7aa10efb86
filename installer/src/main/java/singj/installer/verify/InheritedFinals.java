package singj.installer.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The final instance methods that a class and its superclasses declare, each with the nearest class
 * that declares it: what a subclass may not override ({@link ClassHeader}). Public and protected
 * ones bind every subclass; package-private ones only the subclasses of the declarer's run-time
 * package, so they are kept with that package.
 *
 * <p>A program may be one long chain of classes, so no check may walk up it once per class. This set
 * is persistent: a class's shares its superclass's and adds only what the class itself declares
 * (each addition copies one path of a 32-way trie), and the hierarchy remembers it for each class.
 * Computing it once per class and looking a method up cost the same at any depth.
 */
public final class InheritedFinals {
    /** What a class without known superclasses inherits: nothing. */
    public static final InheritedFinals NONE = new InheritedFinals(null, null, 0);

    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;

    /** {@code name+descriptor} of public and protected finals, to their {@link Declarer}. */
    private final Object[] visible;
    /** {@link PackagedKey} of package-private finals (program classes only), to their {@link Declarer}. */
    private final Object[] packaged;
    /** How many classes this set covers: the nearer a declarer, the higher its height. */
    private final int height;

    private record Declarer(String className, int height) {}

    private record PackagedKey(String runtimePackage, String method) {}

    /** Keys of the same hash, each with its declarer: a trie slot that is not a node. */
    private record Leaf(Object key, Declarer declarer, Leaf next) {}

    private InheritedFinals(Object[] visible, Object[] packaged, int height) {
        this.visible = visible;
        this.packaged = packaged;
        this.height = height;
    }

    /**
     * The finals of class {@code name} and its superclasses, as far as {@code headers} knows them
     * (empty for a class it does not know), remembered in {@code memo} for {@code name} and every
     * superclass met on the way. {@code headers} must never answer a cycle ({@link TypeHierarchy}).
     */
    public static InheritedFinals of(String name, Function<String, Optional<TypeHierarchy.Header>> headers,
                                     Map<String, InheritedFinals> memo) {
        List<TypeHierarchy.Header> unknown = new ArrayList<>(); // nearest first, down to the first remembered
        InheritedFinals result = NONE;
        for (String at = name; at != null; ) {
            InheritedFinals known = memo.get(at);
            if (known != null) {
                result = known;
                break;
            }
            Optional<TypeHierarchy.Header> header = headers.apply(at);
            if (header.isEmpty()) {
                break;
            }
            unknown.add(header.get());
            at = header.get().superName();
        }
        for (int i = unknown.size() - 1; i >= 0; i--) {
            result = result.with(unknown.get(i));
            memo.put(unknown.get(i).name(), result);
        }
        return result;
    }

    /** This set with the finals {@code subclass} declares added, nearer than all of this set's. */
    InheritedFinals with(TypeHierarchy.Header subclass) {
        Declarer declarer = new Declarer(subclass.name(), height + 1);
        Object[] newVisible = visible;
        for (String method : subclass.finalMethods()) {
            newVisible = put(newVisible, 0, method, declarer);
        }
        Object[] newPackaged = packaged;
        if (subclass.program()) { // no program class shares a run-time package with a platform class
            for (String method : subclass.packageFinalMethods()) {
                newPackaged = put(newPackaged, 0, new PackagedKey(runtimePackage(subclass.name()), method), declarer);
            }
        }
        return new InheritedFinals(newVisible, newPackaged, height + 1);
    }

    /**
     * The nearest class of this set whose final method {@code method} ({@code name+descriptor}) a
     * class named {@code subclassName} overrides when it declares that method, or null if none.
     */
    public String overridden(String subclassName, String method) {
        Declarer anyPackage = get(visible, method);
        Declarer samePackage = get(packaged, new PackagedKey(runtimePackage(subclassName), method));
        Declarer nearest = anyPackage == null || samePackage != null && samePackage.height() > anyPackage.height()
                ? samePackage : anyPackage;
        return nearest == null ? null : nearest.className();
    }

    /** The package part of an internal name with its trailing slash, so that classes share it exactly when they share a package. */
    private static String runtimePackage(String internalName) {
        return internalName.substring(0, internalName.lastIndexOf('/') + 1);
    }

    private static Declarer get(Object[] node, Object key) {
        int hash = key.hashCode();
        for (int shift = 0; node != null; shift += BITS) {
            Object slot = node[(hash >>> shift) & (WIDTH - 1)];
            if (slot instanceof Object[] child) {
                node = child;
            } else {
                for (Leaf leaf = (Leaf) slot; leaf != null; leaf = leaf.next()) {
                    if (leaf.key().equals(key)) {
                        return leaf.declarer();
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** A copy of {@code node} (which may be null: empty) with {@code key} mapped to {@code declarer}; {@code node} is left as it was. */
    private static Object[] put(Object[] node, int shift, Object key, Declarer declarer) {
        int hash = key.hashCode();
        Object[] copy = node == null ? new Object[WIDTH] : node.clone();
        int index = (hash >>> shift) & (WIDTH - 1);
        Object slot = copy[index];
        if (slot instanceof Object[] child) {
            copy[index] = put(child, shift + BITS, key, declarer);
        } else if (slot == null || ((Leaf) slot).key().hashCode() == hash) {
            copy[index] = new Leaf(key, declarer, without((Leaf) slot, key));
        } else { // another hash: both go one level down, where their hashes part sooner or later
            Leaf other = (Leaf) slot;
            Object[] child = new Object[WIDTH];
            child[(other.key().hashCode() >>> (shift + BITS)) & (WIDTH - 1)] = other;
            copy[index] = put(child, shift + BITS, key, declarer);
        }
        return copy;
    }

    private static Leaf without(Leaf leaf, Object key) {
        if (leaf == null) {
            return null;
        }
        Leaf rest = without(leaf.next(), key);
        return leaf.key().equals(key) ? rest : rest == leaf.next() ? leaf : new Leaf(leaf.key(), leaf.declarer(), rest);
    }
}
