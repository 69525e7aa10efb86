package singj.installer;

/**
 * One broken rule, located precisely enough to act on.
 *
 * @param rule short name of the rule, such as {@code reflection} or {@code host-io}
 * @param className binary name of the class, such as {@code com.example.Main}
 * @param method name and descriptor of the method, or empty for a class-level rule
 * @param offset bytecode offset in the method, or -1
 * @param line source line, or -1 when the class file has none
 * @param message what is wrong and why, for a person
 */
public record Violation(String rule, String className, String method, int offset, int line, String message) {
    public static Violation ofClass(String rule, String className, String message) {
        return new Violation(rule, className, "", -1, -1, message);
    }

    /** {@code [reflection] com.example.Main.main([Ljava/lang/String;)V @ 12 (line 7): ...} */
    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(className);
        if (!method.isEmpty()) {
            where.append('.').append(method);
        }
        if (offset >= 0) {
            where.append(" @ ").append(offset);
        }
        if (line >= 0) {
            where.append(" (line ").append(line).append(')');
        }
        return "[" + rule + "] " + where + ": " + message;
    }
}
