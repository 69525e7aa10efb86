package singj.kernel.dev;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import singj.abi.Device;
import singj.abi.DeviceException;
import singj.kernel.KernelException;
import singj.kernel.ipc.ExchangeHeap;
import singj.kernel.ipc.Holdings;

/**
 * One kernel's devices: each a disk image attached under a name ({@code disk0}) and bound to the
 * one program that may drive it, by that program's identity (its installed name and a digest of
 * its sealed code), so that another program installed under the driver's name gets nothing. The
 * system's policy (the boot code) attaches them; a SIP gets a device only through its grant
 * ({@code singj.kernel.Grant}), and only one SIP holds a device at a time.
 */
public final class Devices implements AutoCloseable {
    private final ExchangeHeap heap;
    private final Map<String, Attached> attached = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Attached {
        final DiskImage disk;
        final String driver;
        /** Its holder's lease, or null; changed under this object's lock. */
        DiskLease lease;

        Attached(DiskImage disk, String driver) {
            this.disk = disk;
            this.driver = driver;
        }
    }

    /** What {@code ps}-like listings show of one device. */
    public record Info(String name, DiskImage disk, String driver, int holderPid) {}

    public Devices(ExchangeHeap heap) {
        this.heap = heap;
    }

    /**
     * Attaches {@code disk} as {@code name}, for the program whose identity is {@code driverIdentity}.
     *
     * @throws KernelException if a device of that name is attached already
     */
    public void attach(String name, DiskImage disk, String driverIdentity) {
        if (!name.matches("[a-z][a-z0-9]{0,15}")) {
            throw new KernelException("'" + name + "' is not a device name (lower-case letters and digits, e.g. disk0)");
        }
        if (attached.putIfAbsent(name, new Attached(disk, driverIdentity)) != null) {
            throw new KernelException("device " + name + " is attached already");
        }
    }

    /** Whether {@code name} is attached and bound to the program of {@code identity}. */
    public boolean isDriver(String name, String identity) {
        Attached device = attached.get(name);
        return device != null && device.driver.equals(identity);
    }

    /** Whether a device of that name is attached. */
    public boolean isAttached(String name) {
        return attached.containsKey(name);
    }

    /**
     * Gives device {@code name} to {@code holder}, whose grant covers it, until it ends.
     *
     * @throws DeviceException if the device is not attached, is held by another SIP, or cannot be opened
     */
    public Device lease(String name, Holdings holder) {
        Attached device = attached.get(name);
        if (device == null || closed) {
            throw new DeviceException("no device " + name + " is attached" + (closed ? " (the kernel shut down)" : ""), true);
        }
        DiskLease lease;
        synchronized (device) {
            if (device.lease != null) {
                if (device.lease.holder() == holder) {
                    throw new DeviceException(holder.describe() + " holds " + name + " already", false);
                }
                throw new DeviceException("device " + name + " is held by " + device.lease.holder().describe()
                        + "; one SIP holds a device at a time", false);
            }
            try {
                lease = new DiskLease(name, device.disk, heap, holder, () -> {
                    synchronized (device) {
                        device.lease = null;
                    }
                });
            } catch (IOException e) {
                throw new DeviceException("I/O error: cannot open " + name + " (" + device.disk.file() + "): " + e.getMessage(), false);
            }
            device.lease = lease;
        }
        if (!holder.hold(lease)) { // it is ending already
            lease.release(holder.describe() + " is ending");
            throw new DeviceException("device " + name + " is closed: " + holder.describe() + " is ending", true);
        }
        return new Device(lease);
    }

    public List<Info> list() {
        return attached.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            Attached device = e.getValue();
            synchronized (device) {
                return new Info(e.getKey(), device.disk, device.driver, device.lease == null ? 0 : device.lease.holder().pid());
            }
        }).toList();
    }

    /** Closes every device's lease: the kernel is shutting down. */
    @Override
    public void close() {
        closed = true;
        for (Attached device : attached.values()) {
            DiskLease lease;
            synchronized (device) {
                lease = device.lease;
            }
            if (lease != null) {
                lease.release("the kernel shut down");
            }
        }
    }
}
