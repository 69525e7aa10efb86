package singj.kernel.proc;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import singj.abi.runtime.SipContext;
import singj.kernel.Grant;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.dev.Devices;
import singj.kernel.host.HostRuntime;
import singj.kernel.ipc.Contracts;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Ipc;
import singj.kernel.ipc.Quotas;

/**
 * A SIP's loader resolves the classes its classes name in signatures, and that other loaders
 * define, before it defines them (so that the JVM records no loader constraint that lists every
 * SIP alive); what each class names is read once for all the SIPs of its program.
 */
class LinkedNamesTest {
    private static final ClassDesc LIST = ClassDesc.of("java.util.List");
    private static final ClassDesc ATOMIC_LONG = ClassDesc.of("java.util.concurrent.atomic.AtomicLong");
    private static final ClassDesc HELPER = ClassDesc.of("Helper");

    /**
     * {@code Linker}: a static field of {@code AtomicLong} it never touches, a {@code main} that
     * calls {@code List.of()}, a method taking a class no loader has and one returning a class of
     * its own program.
     */
    private static SealedProgram program() {
        byte[] linker = ClassFile.of().build(ClassDesc.of("Linker"), clb -> clb
                .withField("COUNT", ATOMIC_LONG, ClassFile.ACC_STATIC)
                .withMethodBody("main", MethodTypeDesc.of(CD_void, CD_String.arrayType()),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> code.invokestatic(LIST, "of", MethodTypeDesc.of(LIST), true).pop().return_())
                .withMethodBody("unused", MethodTypeDesc.of(CD_void, ClassDesc.of("no.such.Thing")),
                        ClassFile.ACC_STATIC, code -> code.return_())
                .withMethodBody("helper", MethodTypeDesc.of(HELPER), ClassFile.ACC_STATIC,
                        code -> code.aconst_null().areturn()));
        byte[] helper = ClassFile.of().build(HELPER, clb -> { });
        return new SealedProgram("linker", "Linker", Map.of("Linker", linker, "Helper", helper), 0);
    }

    private static final SipContext CONTEXT = (SipContext) Proxy.newProxyInstance(SipContext.class.getClassLoader(),
            new Class<?>[] {SipContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "stopping" -> false;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void aSipLoaderHasResolvedWhatAClassLinksToBeforeItsCodeRuns() throws Exception {
        SealedProgram program = program();
        LinkedNames links = new LinkedNames();
        SipLoader loader = new SipLoader(program, new Contracts(), CONTEXT, links);
        loader.loadClass("Linker"); // defined only: not linked, not initialised, no code run
        assertTrue(loader.isDefined("java.util.List"),
                "the initiating loader of a class a call names");
        assertTrue(loader.isDefined("java.util.concurrent.atomic.AtomicLong"), "and of a field's type, never used");
        assertFalse(loader.isDefined("Helper"), "a class of its own program is defined only when first used");
        assertFalse(links.of(program.classes().get("Linker")).contains("no.such.Thing"),
                "a name no loader finds is dropped, so the next SIP does not look for it again");
        assertTrue(links.of(program.classes().get("Linker")).contains("java.util.List"));
    }

    /**
     * Hostile: a program that names the kernel's classes in its signatures, hoping the early
     * resolution reaches further than linking would. It resolves through the same loader, which
     * does not see the kernel: nothing is loaded, and the names are dropped.
     */
    @Test
    void namingTheKernelInASignatureDoesNotReachIt() throws Exception {
        byte[] spy = ClassFile.of().build(ClassDesc.of("Spy"), clb -> clb
                .withField("PROC", ClassDesc.of(Proc.class.getName()), ClassFile.ACC_STATIC)
                .withMethodBody("main", MethodTypeDesc.of(ClassDesc.of(SipLoader.class.getName()), CD_String.arrayType()),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.aconst_null().areturn()));
        SealedProgram program = new SealedProgram("spy", "Spy", Map.of("Spy", spy), 0);
        LinkedNames links = new LinkedNames();
        SipLoader loader = new SipLoader(program, new Contracts(), CONTEXT, links);
        loader.loadClass("Spy");
        assertFalse(loader.isDefined(Proc.class.getName()));
        assertFalse(loader.isDefined(SipLoader.class.getName()));
        assertEquals(List.of("java.lang.String"), links.of(spy), "the kernel's names are dropped, String stays");
        org.junit.jupiter.api.Assertions.assertThrows(ClassNotFoundException.class,
                () -> Class.forName(Proc.class.getName(), false, loader));
    }

    @Test
    void aClassIsReadOnceAndItsEntryGoesWithItsBytes() throws Exception {
        LinkedNames links = new LinkedNames();
        byte[] bytes = program().classes().get("Linker");
        List<String> names = links.of(bytes);
        assertEquals(Set.of("java.util.List", "java.util.concurrent.atomic.AtomicLong", "java.lang.String",
                "no.such.Thing", "Helper"), Set.copyOf(names), "every class it names in a signature, but itself and Object");
        assertSame(names, links.of(bytes), "read once");
        assertEquals(1, links.size());
        bytes = null;
        for (int i = 0; i < 50 && links.size() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, links.size(), "the entry of a class nobody holds any more is gone");
    }

    @Test
    void twoThousandSipsOfAProgramLeaveOneEntryAndNoLoaderBehind() throws Exception {
        Ipc ipc = new Ipc(1 << 20);
        Processes processes = new Processes(HostRuntime.ofThisJvm(), ipc, new Contracts(), new Devices(ipc.heap()));
        Grant grant = new Grant(Grants.NONE, 64L << 20, new Quotas(Quotas.DEFAULT_THREADS, Quotas.DEFAULT_CHANNELS,
                Quotas.DEFAULT_NAMES, Quotas.DEFAULT_ACCEPTS, 1 << 16), Set.of(), List.of());
        SealedProgram program = program();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                Proc sip = processes.spawn(program, SipOptions.of(Stdio.none()), grant, () -> "program linker", 0);
                loaders.add(sip.classLoaderReference());
                if (i % 2 == 0) {
                    sip.kill(KillCause.REQUESTED, "test"); // half killed, half left to end on their own
                }
                assertTrue(sip.awaitExit(java.time.Duration.ofSeconds(60)) != null, sip + " did not end");
            }
            assertEquals(1, processes.linkedNames().size(), "one entry per class defined (Linker), not per SIP");
            long alive = loaders.size();
            for (int i = 0; i < 50 && alive > 0; i++) {
                System.gc();
                Thread.sleep(20);
                alive = loaders.stream().filter(loader -> loader.get() != null).count();
            }
            assertEquals(0, alive, "every SIP's loader was collected");
        } finally {
            processes.killAll(KillCause.SHUTDOWN, "test over");
            processes.close();
            ipc.close();
        }
    }
}
