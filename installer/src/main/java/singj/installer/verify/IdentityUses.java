package singj.installer.verify;

import java.lang.classfile.constantpool.Utf8Entry;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity operations of one method that the walk reaches, each with its object's type merged
 * over every visit (the fixed point may reach an instruction several times, with types that only
 * grow more general). Costs nothing in a method without any.
 */
final class IdentityUses {
    record Use(IdentitySite.Operation operation, VType operand) {}

    private final TypeMerger merger;
    /** By bytecode offset, in code order; null until the first use. */
    private Map<Integer, Use> byOffset;

    IdentityUses(TypeMerger merger) {
        this.merger = merger;
    }

    void met(int offset, IdentitySite.Operation operation, VType operand) {
        if (byOffset == null) {
            byOffset = new TreeMap<>();
        }
        byOffset.merge(offset, new Use(operation, operand),
                (earlier, now) -> new Use(operation, merger.merge(earlier.operand(), now.operand())));
    }

    Map<Integer, Use> byOffset() {
        return byOffset == null ? Map.of() : byOffset;
    }

    /** Which of {@code Object}'s monitor methods a call of {@code name} with {@code descriptor} is, or null for none. */
    static IdentitySite.Operation monitorMethod(Utf8Entry name, Utf8Entry descriptor) {
        if (name.equalsString("wait")) {
            return descriptor.equalsString("()V") || descriptor.equalsString("(J)V") || descriptor.equalsString("(JI)V")
                    ? IdentitySite.Operation.WAIT : null;
        }
        if (name.equalsString("notify")) {
            return descriptor.equalsString("()V") ? IdentitySite.Operation.NOTIFY : null;
        }
        if (name.equalsString("notifyAll")) {
            return descriptor.equalsString("()V") ? IdentitySite.Operation.NOTIFY_ALL : null;
        }
        return null;
    }
}
