package singj.kernel.dev;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import singj.abi.Block;
import singj.abi.DeviceException;
import singj.abi.ExchangeHeapException;
import singj.abi.runtime.DevicePort;
import singj.kernel.ipc.ExchangeHeap;
import singj.kernel.ipc.Holdings;

/**
 * One SIP's hold on an attached disk image: a host file channel of its own, which the SIP never
 * sees. Every read and write is checked against the image's size (a driver can neither read past
 * it nor grow the host file) and against the caller's block, then done by the kernel straight
 * between the file and the block's memory. Released when the SIP ends: the channel closes, so an
 * operation under way fails, and none can start.
 *
 * <p>A channel of its own per holder, because the JDK closes a file channel when a thread in an
 * operation on it is interrupted, as a kill interrupts the SIP's threads: the next holder (a
 * restarted driver) must not inherit a closed channel.
 */
final class DiskLease implements DevicePort, Holdings.Held {
    private final String name;
    private final DiskImage disk;
    private final ExchangeHeap heap;
    private final Holdings holder;
    private final Runnable onRelease;
    private volatile FileChannel channel;
    /** Why it is closed, once it is. */
    private volatile String closed;

    DiskLease(String name, DiskImage disk, ExchangeHeap heap, Holdings holder, Runnable onRelease) throws IOException {
        this.name = name;
        this.disk = disk;
        this.heap = heap;
        this.holder = holder;
        this.onRelease = onRelease;
        this.channel = open();
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(disk.file(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return disk.size();
    }

    @Override
    public void read(long position, Block block, long offset, long length) {
        transfer("read", position, block, offset, length, false);
    }

    @Override
    public void write(long position, Block block, long offset, long length) {
        transfer("write", position, block, offset, length, true);
    }

    private void transfer(String verb, long position, Block block, long offset, long length, boolean write) {
        checkOpen();
        if (position < 0 || length < 0 || position > disk.size() - length) {
            throw new DeviceException("cannot " + verb + " " + length + " bytes at " + position + " of " + name
                    + ": the device holds " + disk.size() + " bytes", false);
        }
        FileChannel file = channel;
        try {
            heap.access(block, holder, offset, length, memory -> {
                ByteBuffer buffer = memory.asByteBuffer();
                while (buffer.hasRemaining()) {
                    long at = position + buffer.position();
                    if (write) {
                        file.write(buffer, at);
                    } else if (file.read(buffer, at) < 0) {
                        // the host file shrank under the kernel: never hand out zeros for sectors it lost
                        throw new EOFException("the image " + disk.file() + " ends before byte " + at
                                + " (it was truncated on the host)");
                    }
                }
                return null;
            });
        } catch (IndexOutOfBoundsException e) {
            throw new DeviceException("cannot " + verb + " " + length + " bytes at offset " + offset + " of a block of "
                    + block.size() + " bytes", false);
        } catch (ExchangeHeapException e) {
            throw e;
        } catch (ClosedChannelException e) {
            throw lost(file, verb);
        } catch (IOException e) {
            throw new DeviceException("I/O error: " + verb + " of " + length + " bytes at " + position + " of " + name
                    + " (" + disk.file() + "): " + e.getMessage(), false);
        }
    }

    @Override
    public void flush() {
        checkOpen();
        FileChannel file = channel;
        try {
            file.force(false);
        } catch (ClosedChannelException e) {
            throw lost(file, "flush");
        } catch (IOException e) {
            throw new DeviceException("I/O error: flush of " + name + " (" + disk.file() + "): " + e.getMessage(), false);
        }
    }

    /**
     * The channel closed under an operation: the lease was released (the SIP is ending), or an
     * interrupt of one of the SIP's threads closed it, and then a fresh channel takes its place
     * for the operations that follow.
     */
    private DeviceException lost(FileChannel file, String verb) {
        if (closed != null) {
            return closedError();
        }
        synchronized (this) {
            if (closed == null && channel == file) {
                try {
                    channel = open();
                } catch (IOException e) {
                    return new DeviceException("I/O error: cannot reopen " + name + " (" + disk.file() + "): " + e.getMessage(), false);
                }
            }
        }
        return new DeviceException("the " + verb + " on " + name + " was interrupted; it may have reached part of its range", false);
    }

    private void checkOpen() {
        if (closed != null) {
            throw closedError();
        }
    }

    private DeviceException closedError() {
        return new DeviceException("device " + name + " is closed: " + closed, true);
    }

    /** The SIP ends, or the kernel shuts down: the channel closes, and the device is free for the next holder. */
    @Override
    public void release(String reason) {
        synchronized (this) {
            if (closed != null) {
                return;
            }
            closed = reason;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the host could not close it cleanly: nothing more the kernel can do with it
            }
        }
        onRelease.run();
    }

    Holdings holder() {
        return holder;
    }
}
