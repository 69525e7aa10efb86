package singj.installer.linear;

import java.util.Map;

/**
 * What a method does with its reference parameters, as its callers need to know: a parameter it
 * consumes on some path (frees, closes, sends, moves into a message or an {@code Owned}, returns,
 * or passes on to a callee that does) takes the caller's handle with it; one it may keep where
 * the verifier cannot follow (a field, an array, a lambda, the JDK) makes passing a handle there
 * a violation. Every other parameter is only borrowed.
 *
 * @param consumes argument index (0 is the first after the receiver) to how it is consumed
 * @param escapes argument index to where it is kept
 */
record Summary(Map<Integer, String> consumes, Map<Integer, String> escapes) {
    static final Summary BORROWS = new Summary(Map.of(), Map.of());

    Summary {
        consumes = Map.copyOf(consumes);
        escapes = Map.copyOf(escapes);
    }
}
