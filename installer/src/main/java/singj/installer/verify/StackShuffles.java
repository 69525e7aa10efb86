package singj.installer.verify;

import java.lang.classfile.Opcode;

/**
 * pop, dup, swap and their forms (JVMS 6.5): each form is allowed only for the categories of
 * values it names, so that no instruction splits a long or a double into halves.
 */
final class StackShuffles {
    private StackShuffles() {}

    static void apply(Frame frame, Opcode opcode) {
        switch (opcode) {
            case POP -> category1(frame, frame.pop(), "pop");
            case POP2 -> {
                VType v1 = frame.pop();
                if (v1.size() == 1) {
                    category1(frame, frame.pop(), "pop2");
                }
            }
            case DUP -> {
                VType v1 = category1(frame, frame.pop(), "dup");
                frame.push(v1);
                frame.push(v1);
            }
            case DUP_X1 -> {
                VType v1 = category1(frame, frame.pop(), "dup_x1");
                VType v2 = category1(frame, frame.pop(), "dup_x1");
                push(frame, v1, v2, v1);
            }
            case DUP_X2 -> {
                VType v1 = category1(frame, frame.pop(), "dup_x2");
                VType v2 = frame.pop();
                if (v2.size() == 2) {
                    push(frame, v1, v2, v1);
                } else {
                    VType v3 = category1(frame, frame.pop(), "dup_x2");
                    push(frame, v1, v3, v2, v1);
                }
            }
            case DUP2 -> {
                VType v1 = frame.pop();
                if (v1.size() == 2) {
                    push(frame, v1, v1);
                } else {
                    VType v2 = category1(frame, frame.pop(), "dup2");
                    push(frame, v2, v1, v2, v1);
                }
            }
            case DUP2_X1 -> {
                VType v1 = frame.pop();
                if (v1.size() == 2) {
                    VType v2 = category1(frame, frame.pop(), "dup2_x1");
                    push(frame, v1, v2, v1);
                } else {
                    VType v2 = category1(frame, frame.pop(), "dup2_x1");
                    VType v3 = category1(frame, frame.pop(), "dup2_x1");
                    push(frame, v2, v1, v3, v2, v1);
                }
            }
            case DUP2_X2 -> dup2x2(frame);
            case SWAP -> {
                VType v1 = category1(frame, frame.pop(), "swap");
                VType v2 = category1(frame, frame.pop(), "swap");
                push(frame, v1, v2);
            }
            default -> throw new IllegalStateException("not a stack instruction: " + opcode);
        }
    }

    private static void dup2x2(Frame frame) {
        VType v1 = frame.pop();
        VType v2 = frame.pop();
        if (v1.size() == 2 && v2.size() == 2) { // form 4
            push(frame, v1, v2, v1);
        } else if (v1.size() == 2) { // form 2: v1 long, v2 and v3 one word each
            category1(frame, v2, "dup2_x2");
            VType v3 = category1(frame, frame.pop(), "dup2_x2");
            push(frame, v1, v3, v2, v1);
        } else {
            category1(frame, v2, "dup2_x2");
            VType v3 = frame.pop();
            if (v3.size() == 2) { // form 3
                push(frame, v2, v1, v3, v2, v1);
            } else { // form 1
                VType v4 = category1(frame, frame.pop(), "dup2_x2");
                push(frame, v2, v1, v4, v3, v2, v1);
            }
        }
    }

    /** Pushes bottom first. */
    private static void push(Frame frame, VType... values) {
        for (VType value : values) {
            frame.push(value);
        }
    }

    private static VType category1(Frame frame, VType value, String instruction) {
        if (value.size() != 1) {
            throw Rejection.type(instruction + " would split the " + value.describe() + " on the stack");
        }
        return value;
    }
}
