package singj.installer.verify;

/**
 * Legal names and descriptors (JVMS 4.2 and 4.3), as the JVM checks them when it reads a class:
 * on a Utf8 entry's bytes, from {@code start} to {@code end} (exclusive), never made a String.
 *
 * <p>Every character the rules name ({@code . ; [ / < > ( ) L V} and the primitive letters) is
 * ASCII, and in legal modified UTF-8 an ASCII character is only ever its own byte: the bytes of a
 * longer sequence are all 0x80 and above, and an over-long encoding (a {@code /} in two bytes) is
 * not legal ({@link ClassFormat} refuses it first). So a check of the bytes is the check of the
 * characters, and it is how HotSpot checks them too.
 */
final class Names {
    private Names() {}

    /** What each byte may not be part of: any name ({@code . ; [}), a segment ({@code /}), a method's name ({@code < >}). */
    private static final byte[] FORBIDDEN = new byte[256];
    private static final byte IN_NAMES = 1, IN_SEGMENTS = 2, IN_METHOD_NAMES = 4;

    static {
        for (char c : new char[] {'.', ';', '['}) {
            FORBIDDEN[c] = IN_NAMES | IN_SEGMENTS | IN_METHOD_NAMES;
        }
        FORBIDDEN['/'] = IN_SEGMENTS | IN_METHOD_NAMES;
        FORBIDDEN['<'] = IN_METHOD_NAMES;
        FORBIDDEN['>'] = IN_METHOD_NAMES;
    }

    /** A field's or method's simple name: no {@code . ; [ /}, and for methods no {@code < >} except the two special ones. */
    static boolean isUnqualifiedName(byte[] bytes, int start, int end, boolean method) {
        if (method && (is(bytes, start, end, "<init>") || is(bytes, start, end, "<clinit>"))) {
            return true;
        }
        return isUnqualified(bytes, start, end, method);
    }

    private static boolean isUnqualified(byte[] bytes, int start, int end, boolean method) {
        if (start >= end) {
            return false;
        }
        int forbidden = method ? IN_METHOD_NAMES : IN_SEGMENTS;
        for (int i = start; i < end; i++) {
            if ((FORBIDDEN[bytes[i] & 0xFF] & forbidden) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A class name in internal form ({@code java/lang/String}) or an array descriptor, as a Class entry holds. */
    static boolean isClassName(byte[] bytes, int start, int end) {
        if (start < end && bytes[start] == '[') {
            return isFieldDescriptor(bytes, start, end);
        }
        return isBinaryName(bytes, start, end);
    }

    /** Segments separated by single slashes, each an unqualified name. */
    private static boolean isBinaryName(byte[] bytes, int start, int end) {
        int segment = start;
        for (int i = start; i < end; i++) {
            int forbidden = FORBIDDEN[bytes[i] & 0xFF] & IN_SEGMENTS;
            if (forbidden != 0) {
                if (bytes[i] != '/' || i == segment) {
                    return false; // a . ; or [, or an empty segment
                }
                segment = i + 1;
            }
        }
        return segment < end;
    }

    static boolean isFieldDescriptor(byte[] bytes, int start, int end) {
        return fieldEnd(bytes, start, end) == end;
    }

    static boolean isMethodDescriptor(byte[] bytes, int start, int end) {
        if (start >= end || bytes[start] != '(') {
            return false;
        }
        int i = start + 1;
        int slots = 0;
        while (i < end && bytes[i] != ')') {
            byte c = bytes[i];
            int next = fieldEnd(bytes, i, end);
            if (next < 0) {
                return false;
            }
            slots += c == 'J' || c == 'D' ? 2 : 1;
            i = next;
        }
        if (i >= end || slots > 255) {
            return false;
        }
        i++;
        return end == i + 1 && bytes[i] == 'V' || fieldEnd(bytes, i, end) == end;
    }

    /** The index just past the field descriptor at {@code start}, or -1 if there is none before {@code end}. */
    private static int fieldEnd(byte[] bytes, int start, int end) {
        int i = start;
        while (i < end && bytes[i] == '[') {
            i++;
        }
        if (i - start > 255 || i >= end) {
            return -1;
        }
        byte c = bytes[i];
        if (c == 'L') {
            int semicolon = i + 1;
            while (semicolon < end && bytes[semicolon] != ';') {
                semicolon++;
            }
            return semicolon < end && isBinaryName(bytes, i + 1, semicolon) ? semicolon + 1 : -1;
        }
        return switch (c) {
            case 'Z', 'B', 'C', 'S', 'I', 'F', 'J', 'D' -> i + 1;
            default -> -1;
        };
    }

    /** Whether the bytes from {@code start} to {@code end} are the ASCII text {@code ascii}. */
    static boolean is(byte[] bytes, int start, int end, String ascii) {
        if (end - start != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
