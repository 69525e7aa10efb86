package singj.kernel.isolate;

import java.lang.foreign.MemorySegment;
import singj.abi.Block;
import singj.abi.ExchangeHeapException;
import singj.abi.runtime.BlockSlot;

/**
 * A block as a process SIP holds it: a slice of its window, under the number the kernel gave it.
 * Its generation here is the child's own check (a handle used after a send or free fails as it
 * does in-process); the kernel keeps the generation that matters and checks the number on every call.
 */
final class ChildBlock extends BlockSlot {
    private final KernelLine kernel;
    private final int number;
    /** What ended the handle's generation: "sent" or "freed"; null while it is live. */
    private volatile String fate;

    ChildBlock(KernelLine kernel, int number) {
        this.kernel = kernel;
        this.number = number;
    }

    Block handle(MemorySegment window, long offset, long size) {
        return new Block(this, window, offset, size, generation());
    }

    int number() {
        return number;
    }

    /** The block went into a message the kernel accepted: every handle here is dead. */
    synchronized void sent() {
        fate = "sent";
        endGeneration();
    }

    @Override
    public synchronized void free(Block handle) {
        if (!isCurrent(handle.generation())) {
            throw new ExchangeHeapException(whyDead(handle));
        }
        fate = "freed";
        endGeneration();
        kernel.call(new Wire.Out(Wire.FREE).putInt(number));
    }

    @Override
    public String whyDead(Block handle) {
        return "block of " + handle.size() + " bytes used after it was " + (fate == null ? "sent or freed" : fate);
    }
}
