package singj.kernel.isolate;

import java.util.ArrayList;
import java.util.List;
import singj.abi.Block;
import singj.abi.ContractViolationException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Side;
import singj.abi.runtime.ChannelEnd;

/**
 * A channel end as a process SIP holds it: the number the kernel gave it, and calls to the kernel
 * for everything else. The contract's state lives in the kernel, which checks every send.
 */
final class ChildEnd implements ChannelEnd {
    private final KernelLine kernel;
    private final int number;
    private final String contract;
    private final Side side;
    /** Sent away in a message: this object is dead, as an in-process endpoint object is after a send. */
    private volatile boolean moved;

    ChildEnd(KernelLine kernel, int number, String contract, Side side) {
        this.kernel = kernel;
        this.number = number;
        this.contract = contract;
        this.side = side;
    }

    private int number() {
        if (moved) {
            throw new IllegalStateException("endpoint of " + contract + " used after it was sent away in a message: "
                    + "the receiver holds it now");
        }
        return number;
    }

    @Override
    public void send(int generation, Message message) {
        List<Object> carried = new ArrayList<>();
        Wire.Out request = new Wire.Out(Wire.SEND).putInt(number());
        Wire.putMessage(request, message, new Wire.Handles() {
            @Override
            public void putBlock(Wire.Out out, Block block) {
                if (!(block.slot() instanceof ChildBlock slot) || !block.isLive()) {
                    throw violation("the message carries a " + block.slot().whyDead(block));
                }
                carried.add(slot);
                out.putInt(slot.number());
            }

            @Override
            public void putEndpoint(Wire.Out out, Endpoint<?> endpoint) {
                if (!(endpoint.end() instanceof ChildEnd end) || end.moved) {
                    throw violation("the message carries an endpoint that was already sent away");
                }
                if (end == ChildEnd.this) {
                    throw violation("an endpoint cannot be sent over its own channel");
                }
                carried.add(end);
                out.putInt(end.number);
            }

            @Override
            public Block getBlock(Wire.In in) {
                throw new IllegalStateException();
            }

            @Override
            public Endpoint<?> getEndpoint(Wire.In in) {
                throw new IllegalStateException();
            }
        });
        kernel.call(request);
        for (Object handle : carried) {
            if (handle instanceof ChildBlock block) {
                block.sent();
            } else {
                ((ChildEnd) handle).moved = true;
            }
        }
    }

    /**
     * A message that carries a dead handle never reaches the kernel (the number would name nothing
     * the SIP holds, which the kernel takes as an attack): refused here, and the channel closed, as
     * the kernel does for an in-process SIP.
     */
    private ContractViolationException violation(String why) {
        close(0);
        return new ContractViolationException("contract " + contract + " violated: " + why);
    }

    @Override
    public Message receive(int generation, long timeoutNanos) {
        Wire.In reply = kernel.call(new Wire.Out(Wire.RECEIVE).putInt(number()).putLong(timeoutNanos));
        return reply.getBoolean() ? Wire.getMessage(reply, ChildMain::messageClass, handles()) : null;
    }

    @Override
    public int select(ChannelEnd[] ends, int[] generations, long timeoutNanos) {
        Wire.Out request = new Wire.Out(Wire.SELECT).putInt(ends.length);
        for (ChannelEnd end : ends) {
            if (!(end instanceof ChildEnd child)) {
                throw new IllegalArgumentException("an endpoint of another kernel cannot be selected here");
            }
            request.putInt(child.number());
        }
        return kernel.call(request.putLong(timeoutNanos)).getInt();
    }

    @Override
    public void close(int generation) {
        kernel.call(new Wire.Out(Wire.CLOSE).putInt(number()));
    }

    @Override
    public boolean isOpen(int generation) {
        return !moved && kernel.call(new Wire.Out(Wire.IS_OPEN).putInt(number)).getBoolean();
    }

    @Override
    public String contract() {
        return contract;
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public String state(int generation) {
        return kernel.call(new Wire.Out(Wire.STATE).putInt(number())).getString();
    }

    /** How the child reads the blocks and endpoints of a message it receives. */
    Wire.Handles handles() {
        return ChildMain.handles(kernel);
    }
}
