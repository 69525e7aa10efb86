package singj.installer.linear;

import java.lang.classfile.Opcode;

/**
 * The instructions that only compute on primitives or shuffle the stack, as words moved: what
 * linearity needs of them is that a handle's word lands where the JVM puts it.
 */
final class StackWords {
    private StackWords() {}

    /** Arithmetic, comparisons and {@code arraylength}: operands in, a primitive out. */
    static void operator(LinearFrame frame, Opcode opcode) {
        String name = opcode.name();
        int width = name.charAt(0) == 'L' || name.charAt(0) == 'D' ? 2 : 1;
        switch (opcode) {
            case ARRAYLENGTH -> {
                frame.pop();
                frame.pushWords(1);
            }
            case INEG, LNEG, FNEG, DNEG -> { } // one operand in, one of the same size out
            case LCMP, DCMPL, DCMPG -> {
                frame.popWords(4);
                frame.pushWords(1);
            }
            case FCMPL, FCMPG -> {
                frame.popWords(2);
                frame.pushWords(1);
            }
            case LSHL, LSHR, LUSHR -> frame.popWords(1); // a long shifted by an int
            default -> frame.popWords(width); // two operands of one size, one result of that size
        }
    }

    /** {@code pop}, {@code dup*}, {@code swap} (JVMS 6.5), word by word. */
    static void shuffle(LinearFrame frame, Opcode opcode) {
        switch (opcode) {
            case POP -> frame.pop();
            case POP2 -> frame.popWords(2);
            case DUP -> frame.push(frame.peek(0));
            case DUP_X1 -> {
                Value v1 = frame.pop();
                Value v2 = frame.pop();
                push(frame, v1, v2, v1);
            }
            case DUP_X2 -> {
                Value v1 = frame.pop();
                Value v2 = frame.pop();
                Value v3 = frame.pop();
                push(frame, v1, v3, v2, v1);
            }
            case DUP2 -> {
                Value v1 = frame.pop();
                Value v2 = frame.pop();
                push(frame, v2, v1, v2, v1);
            }
            case DUP2_X1 -> {
                Value v1 = frame.pop();
                Value v2 = frame.pop();
                Value v3 = frame.pop();
                push(frame, v2, v1, v3, v2, v1);
            }
            case DUP2_X2 -> {
                Value v1 = frame.pop();
                Value v2 = frame.pop();
                Value v3 = frame.pop();
                Value v4 = frame.pop();
                push(frame, v2, v1, v4, v3, v2, v1);
            }
            case SWAP -> {
                Value v1 = frame.pop();
                Value v2 = frame.pop();
                push(frame, v1, v2);
            }
            default -> throw new IllegalStateException("unexpected stack instruction " + opcode);
        }
    }

    private static void push(LinearFrame frame, Value... values) {
        for (Value value : values) {
            frame.push(value);
        }
    }
}
