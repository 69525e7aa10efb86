package singj.installer.verify;

import java.util.ArrayList;
import java.util.List;

/** Field and method descriptors (JVMS 4.3) read into verification types. */
final class Descriptors {
    private Descriptors() {}

    /** A method descriptor: the parameter types, the return type (null for void), and the local slots the parameters take. */
    record MethodSig(VType[] parameters, VType returns, int parameterSlots) {}

    /** The verification type of the field descriptor starting at {@code start}; boolean, byte, char and short are int. */
    static VType fieldType(String descriptor, int start) {
        return switch (descriptor.charAt(start)) {
            case 'Z', 'B', 'C', 'S', 'I' -> VType.INT;
            case 'F' -> VType.FLOAT;
            case 'J' -> VType.LONG;
            case 'D' -> VType.DOUBLE;
            case 'L' -> new VType.Reference(descriptor.substring(start + 1, end(descriptor, start) - 1));
            case '[' -> new VType.Reference(descriptor.substring(start, end(descriptor, start)));
            default -> throw new IllegalArgumentException("not a field descriptor: " + descriptor);
        };
    }

    /** The index just past the field descriptor starting at {@code start}. */
    static int end(String descriptor, int start) {
        int i = start;
        while (descriptor.charAt(i) == '[') {
            i++;
            if (i - start > 255) {
                throw new IllegalArgumentException("an array type has more than 255 dimensions: " + descriptor);
            }
        }
        char c = descriptor.charAt(i);
        if (c == 'L') {
            int semicolon = descriptor.indexOf(';', i);
            if (semicolon < 0 || semicolon == i + 1) {
                throw new IllegalArgumentException("not a field descriptor: " + descriptor);
            }
            return semicolon + 1;
        }
        if ("ZBCSIFJD".indexOf(c) < 0) {
            throw new IllegalArgumentException("not a field descriptor: " + descriptor);
        }
        return i + 1;
    }

    static MethodSig method(String descriptor) {
        if (descriptor.isEmpty() || descriptor.charAt(0) != '(') {
            throw new IllegalArgumentException("not a method descriptor: " + descriptor);
        }
        List<VType> parameters = new ArrayList<>();
        int slots = 0;
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            VType type = fieldType(descriptor, i);
            parameters.add(type);
            slots += type.size();
            i = end(descriptor, i);
        }
        i++;
        VType returns;
        if (descriptor.charAt(i) == 'V' && i + 1 == descriptor.length()) {
            returns = null;
        } else {
            returns = fieldType(descriptor, i);
            if (end(descriptor, i) != descriptor.length()) {
                throw new IllegalArgumentException("not a method descriptor: " + descriptor);
            }
        }
        return new MethodSig(parameters.toArray(VType[]::new), returns, slots);
    }

    /** The descriptor of a reference type's name as a {@code ClassEntry} spells it: arrays stay, classes get L...;. */
    static String asDescriptor(String name) {
        return name.charAt(0) == '[' ? name : "L" + name + ";";
    }

    /** {@code java/lang/String} → {@code java.lang.String}; {@code [[I} → {@code int[][]}. */
    static String javaName(String name) {
        if (name.charAt(0) != '[') {
            return name.replace('/', '.');
        }
        int dims = 0;
        while (name.charAt(dims) == '[') {
            dims++;
        }
        String element = switch (name.charAt(dims)) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'F' -> "float";
            case 'J' -> "long";
            case 'D' -> "double";
            default -> name.substring(dims + 1, name.length() - 1).replace('/', '.');
        };
        return element + "[]".repeat(dims);
    }
}
