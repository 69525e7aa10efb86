package singj.abi;

import java.util.Objects;
import singj.abi.runtime.DevicePort;

/**
 * A device this SIP holds: the capability a driver program is given by the kernel
 * ({@link Sip#device}), and only if the system's policy names its program as the device's driver.
 * One SIP holds a device at a time; when it ends, the device is closed and another SIP (a
 * restarted driver) may take it.
 *
 * <p>Reads and writes move bytes between the device and an exchange-heap {@link Block} this SIP
 * holds, with no copy in between: the kernel does the host I/O into the block's memory. Every
 * range is checked against the device and the block; what fails throws {@link DeviceException}.
 */
public final class Device {
    private final DevicePort port;

    /** Made by the kernel only (the installer rejects this constructor in SIP code). */
    public Device(DevicePort port) {
        this.port = Objects.requireNonNull(port);
    }

    public String name() {
        return port.name();
    }

    /** Its size in bytes. */
    public long size() {
        return port.size();
    }

    /** Reads {@code length} bytes at {@code position} of the device into {@code into} at {@code offset}. */
    public void read(long position, Block into, long offset, long length) {
        port.read(position, Objects.requireNonNull(into, "block"), offset, length);
    }

    /** Writes {@code length} bytes of {@code from}, from {@code offset}, to the device at {@code position}. */
    public void write(long position, Block from, long offset, long length) {
        port.write(position, Objects.requireNonNull(from, "block"), offset, length);
    }

    /** Returns once every write so far is on stable storage (the host's {@code fsync}). */
    public void flush() {
        port.flush();
    }

    @Override
    public String toString() {
        return "Device[" + port.name() + "]";
    }
}
