package singj.installer.verify;

/** Legal names and descriptors (JVMS 4.2 and 4.3), as the JVM checks them when it reads a class. */
final class Names {
    private Names() {}

    /** A field's or method's simple name: no {@code . ; [ /}, and for methods no {@code < >} except the two special ones. */
    static boolean isUnqualifiedName(String name, boolean method) {
        if (method && (name.equals("<init>") || name.equals("<clinit>"))) {
            return true;
        }
        return isUnqualified(name, 0, name.length(), method);
    }

    private static boolean isUnqualified(String name, int start, int end, boolean method) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (c == '.' || c == ';' || c == '[' || c == '/' || method && (c == '<' || c == '>')) {
                return false;
            }
        }
        return true;
    }

    /** A class name in internal form ({@code java/lang/String}) or an array descriptor, as a Class entry holds. */
    static boolean isClassName(String name) {
        if (name.startsWith("[")) {
            return isFieldDescriptor(name);
        }
        return isBinaryName(name, 0, name.length());
    }

    /** Segments separated by single slashes, each an unqualified name. */
    private static boolean isBinaryName(String name, int start, int end) {
        int segment = start;
        for (int i = start; i <= end; i++) {
            if (i == end || name.charAt(i) == '/') {
                if (!isUnqualified(name, segment, i, false)) {
                    return false;
                }
                segment = i + 1;
            }
        }
        return true;
    }

    static boolean isFieldDescriptor(String descriptor) {
        return fieldEnd(descriptor, 0) == descriptor.length();
    }

    static boolean isMethodDescriptor(String descriptor) {
        if (descriptor.isEmpty() || descriptor.charAt(0) != '(') {
            return false;
        }
        int i = 1;
        int slots = 0;
        while (i < descriptor.length() && descriptor.charAt(i) != ')') {
            char c = descriptor.charAt(i);
            int end = fieldEnd(descriptor, i);
            if (end < 0) {
                return false;
            }
            slots += c == 'J' || c == 'D' ? 2 : 1;
            i = end;
        }
        if (i >= descriptor.length() || slots > 255) {
            return false;
        }
        i++;
        return descriptor.length() == i + 1 && descriptor.charAt(i) == 'V' || fieldEnd(descriptor, i) == descriptor.length();
    }

    /** The index just past the field descriptor at {@code start}, or -1 if there is none. */
    private static int fieldEnd(String descriptor, int start) {
        int i = start;
        while (i < descriptor.length() && descriptor.charAt(i) == '[') {
            i++;
        }
        if (i - start > 255 || i >= descriptor.length()) {
            return -1;
        }
        char c = descriptor.charAt(i);
        if (c == 'L') {
            int semicolon = descriptor.indexOf(';', i);
            return semicolon > 0 && isBinaryName(descriptor, i + 1, semicolon) ? semicolon + 1 : -1;
        }
        return "ZBCSIFJD".indexOf(c) >= 0 ? i + 1 : -1;
    }
}
