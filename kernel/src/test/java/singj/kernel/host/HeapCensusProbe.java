package singj.kernel.host;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class HeapCensusProbe {
    static final long MIB = 1 << 20;

    static final class OwnLoader extends ClassLoader {
        OwnLoader() { super(HeapCensusProbe.class.getClassLoader()); }
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(CensusHoard.class.getName())) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c != null) return c;
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] b = in.readAllBytes();
                        return defineClass(name, b, 0, b.length);
                    } catch (java.io.IOException e) { throw new ClassNotFoundException(name, e); }
                }
            }
            return super.loadClass(name, resolve);
        }
    }

    static void p(String what, HeapCensus.Count c) {
        System.out.printf("PROBE %-40s %8.2f MiB barrier %6d B objects %8d tagged %7d stopped %s walk %.2f ms setup %.2f ms classes %d%n",
                what, c.bytes() / (double) MIB, c.barrierBytes(), c.objects(), c.taggedObjects(), c.stoppedEarly(), c.walkNanos() / 1e6, c.setUpNanos() / 1e6, c.classes());
    }

    static volatile boolean stop;
    static volatile Object sink;

    @Test
    void probe() throws Exception {
        HostThreads.loaded();
        OwnLoader loader = new OwnLoader();
        Class<?> hoard = loader.loadClass(CensusHoard.class.getName());
        var field = hoard.getField("held");
        Thread[] none = {};
        p("empty", HeapCensus.take(loader, none, Long.MAX_VALUE));
        field.set(null, new byte[(int) (10 * MIB)]);
        p("static 10 MiB", HeapCensus.take(loader, none, Long.MAX_VALUE));
        p("static 10 MiB stop at 5", HeapCensus.take(loader, none, 5 * MIB));
        field.set(null, new WeakReference<>(new byte[(int) (4 * MIB)]));
        p("weak ref 4 MiB", HeapCensus.take(loader, none, Long.MAX_VALUE));
        // a kernel-ish object (app loader) holding 8 MiB
        field.set(null, new Object[] {new KernelThing(new byte[(int) (8 * MIB)])});
        p("kernel object with 8 MiB", HeapCensus.take(loader, none, Long.MAX_VALUE));
        field.set(null, null);
        // platform thread with local
        CountDownLatch ready = new CountDownLatch(1);
        Thread platform = new Thread(() -> { byte[] local = new byte[(int) (8 * MIB)]; ready.countDown(); while (!stop) { Thread.onSpinWait(); } sink = local; });
        platform.start(); ready.await();
        p("platform thread local 8 MiB spinning", HeapCensus.take(loader, new Thread[] {platform}, Long.MAX_VALUE));
        p("  same, thread not the SIP's", HeapCensus.take(loader, none, Long.MAX_VALUE));
        CountDownLatch ready2 = new CountDownLatch(1);
        Thread vSpin = Thread.ofVirtual().start(() -> { byte[] local = new byte[(int) (6 * MIB)]; ready2.countDown(); while (!stop) { Thread.onSpinWait(); } sink = local; });
        ready2.await();
        p("virtual mounted local 6 MiB", HeapCensus.take(loader, new Thread[] {vSpin}, Long.MAX_VALUE));
        CountDownLatch ready3 = new CountDownLatch(1);
        Thread vPark = Thread.ofVirtual().start(() -> { byte[] local = new byte[(int) (5 * MIB)]; ready3.countDown(); while (!stop) { LockSupport.park(); } sink = local; });
        ready3.await(); Thread.sleep(100);
        p("virtual parked local 5 MiB", HeapCensus.take(loader, new Thread[] {vPark}, Long.MAX_VALUE));
        // many small objects
        for (int n : new int[] {100_000, 1_000_000}) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) list.add(new int[4]);
            field.set(null, list);
            for (int r = 0; r < 3; r++) p("list of " + n + " int[4]", HeapCensus.take(loader, none, Long.MAX_VALUE));
        }
        // many small object arrays: the attacker's case for tags
        { List<Object> list = new ArrayList<>(); for (int i = 0; i < 300_000; i++) list.add(new Object[1]); field.set(null, list);
          for (int r = 0; r < 2; r++) p("list of 300000 Object[1]", HeapCensus.take(loader, none, Long.MAX_VALUE)); }
        { java.util.HashMap<Integer, Integer> map = new java.util.HashMap<>(); for (int i = 0; i < 300_000; i++) map.put(i, i); field.set(null, map);
          for (int r = 0; r < 2; r++) p("HashMap of 300000 Integers", HeapCensus.take(loader, none, Long.MAX_VALUE)); }
        { java.util.LinkedList<Integer> ll = new java.util.LinkedList<>(); for (int i = 0; i < 300_000; i++) ll.add(i); field.set(null, ll);
          for (int r = 0; r < 2; r++) p("LinkedList of 300000 Integers", HeapCensus.take(loader, none, Long.MAX_VALUE)); }
        // deep linked list
        Object[] head = null;
        for (int i = 0; i < 2_000_000; i++) head = new Object[] {head};
        field.set(null, head);
        p("linked list 2M deep", HeapCensus.take(loader, none, Long.MAX_VALUE));
        field.set(null, null); head = null;
        // big kernel heap, tiny SIP
        List<Object> kernel = new ArrayList<>();
        for (int i = 0; i < 3_000_000; i++) kernel.add(new int[4]);
        field.set(null, new byte[1024]);
        for (int r = 0; r < 3; r++) p("tiny SIP beside 3M kernel objects", HeapCensus.take(loader, none, Long.MAX_VALUE));
        sink = kernel;
        stop = true; LockSupport.unpark(vPark);
    }

    static final class KernelThing { final byte[] data; KernelThing(byte[] d) { data = d; } }
}
