import singj.abi.Block;
import singj.abi.BlockDevice;
import singj.abi.Device;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Sip;

/**
 * An attacker who has read the storage code: it asks for the device and every name of it in its
 * manifest (SingJ-Devices: disk0, SingJ-Opens: /dev/* /*, SingJ-Registers: /dev/*), then tries
 * each way to the raw disk: the device itself, the driver's names, squatting a name under the
 * driver's, and, through whatever channel it was given, a write. Each attempt prints what happened;
 * the test judges from outside that the disk is untouched and the driver serves on.
 */
public class DiskThief {
    public static void main(String[] args) {
        try {
            Device disk = Sip.device("disk0");
            System.out.println("device: GOT " + disk.size());
            Block block = Sip.allocate(512);
            block.fill(0, 512, (byte) 0x66);
            disk.write(0, block, 0, 512);
            disk.flush();
            System.out.println("device: WROTE");
        } catch (RuntimeException e) {
            System.out.println("device: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        for (String name : new String[] {"/dev/disk0", "/dev/disk0/read-only"}) {
            try {
                Endpoint<BlockDevice> dev = Sip.open(name, BlockDevice.class);
                Block block = Sip.allocate(512);
                block.fill(0, 512, (byte) 0x66);
                dev.send(new BlockDevice.Write(0, 1, block));
                Message answer = dev.receive();
                System.out.println("open " + name + ": " + (answer instanceof BlockDevice.Failed f ? "failed " + f.error() : "WROTE " + answer));
                if (answer instanceof BlockDevice.Failed f && f.block() != null) {
                    f.block().free();
                }
                dev.send(new BlockDevice.Flush());
                Message flushed = dev.receive();
                System.out.println("flush " + name + ": " + (flushed instanceof BlockDevice.Failed f ? "failed " + f.error() : "FLUSHED"));
            } catch (RuntimeException e) {
                System.out.println("open " + name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        try {
            Sip.register("/dev/disk0/raw", BlockDevice.class);
            System.out.println("register: SQUATTED");
        } catch (RuntimeException e) {
            System.out.println("register: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
