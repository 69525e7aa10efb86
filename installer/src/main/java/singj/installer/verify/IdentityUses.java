package singj.installer.verify;

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
    static IdentitySite.Operation monitorMethod(String name, String descriptor) {
        switch (name) {
            case "wait" -> {
                return descriptor.equals("()V") || descriptor.equals("(J)V") || descriptor.equals("(JI)V")
                        ? IdentitySite.Operation.WAIT : null;
            }
            case "notify" -> {
                return descriptor.equals("()V") ? IdentitySite.Operation.NOTIFY : null;
            }
            case "notifyAll" -> {
                return descriptor.equals("()V") ? IdentitySite.Operation.NOTIFY_ALL : null;
            }
            default -> { }
        }
        return null;
    }
}
