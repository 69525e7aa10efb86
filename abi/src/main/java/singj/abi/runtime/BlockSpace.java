package singj.abi.runtime;

import singj.abi.Block;

/** The kernel's exchange heap, as a {@link Block} needs it. */
public interface BlockSpace {
    /** Frees {@code block}: its memory returns to the heap and every handle to it is dead. */
    void free(Block block);

    /** Why {@code block} cannot be used: it was sent, or freed (for the error a stale handle gets). */
    String whyDead(Block block);
}
