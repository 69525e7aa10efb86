package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import singj.abi.Channel;
import singj.abi.Contract;
import singj.abi.Message;

/**
 * The kernel objects made for a SIP are charged to its memory at their fixed sizes while the
 * kernel holds them, and discharged when it lets go: channel ends (also when one moves to another
 * SIP), names, and everything at once when the SIP releases what it holds.
 */
class KernelChargesTest {
    @Contract({"A client: Note -> B", "B server: Back -> A"})
    interface Talk {
        record Note(String text) implements Message {}
        record Back() implements Message {}
    }

    private static final class Charged implements Holdings.KernelCharges {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void charge(long bytes) {
            this.bytes.addAndGet(bytes);
        }

        @Override
        public void discharge(long bytes) {
            this.bytes.addAndGet(-bytes);
        }
    }

    private static Holdings holdings(int pid, Charged charged) {
        Holdings holdings = new Holdings(pid, "sip" + pid, Grants.ALL, 1L << 20, () -> false, Error::new);
        holdings.chargeKernelObjectsTo(charged);
        return holdings;
    }

    @Test
    void channelsAndNamesAreChargedWhileTheKernelHoldsThem() {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Charged one = new Charged();
            Charged other = new Charged();
            Holdings sip = holdings(1, one);
            Holdings peer = holdings(2, other);
            List<Channel<Talk>> channels = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                channels.add(ipc.newChannel(Talk.class, sip));
            }
            assertEquals(200 * Holdings.KernelCharges.END_BYTES, one.bytes.get(), "two ends per channel");
            ipc.move(channels.get(0).server(), peer);
            assertEquals(199 * Holdings.KernelCharges.END_BYTES, one.bytes.get(), "an end moved away is the new holder's");
            assertEquals(Holdings.KernelCharges.END_BYTES, other.bytes.get());
            channels.get(1).client().close();
            assertEquals(198 * Holdings.KernelCharges.END_BYTES, one.bytes.get(), "a closed end is discharged");
            ipc.names().register("/test/charged", Talk.class, sip);
            assertEquals(198 * Holdings.KernelCharges.END_BYTES + Holdings.KernelCharges.NAME_BYTES, one.bytes.get());
            sip.release("test over");
            assertEquals(0, one.bytes.get(), "everything given back at release");
            peer.release("test over");
            assertEquals(0, other.bytes.get());
        }
    }
}
