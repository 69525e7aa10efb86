package singj.kernel.proc;

import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.SipGlue;
import singj.kernel.SealedProgram;

/** A SIP's copy of the runtime is defined when its code first needs it, takes its context from the loader, and is killable before and after. */
class SipLoaderTest {
    private static final SealedProgram PROGRAM = new SealedProgram("empty", "Empty", Map.of("Empty",
            ClassFile.of().build(ClassDesc.of("Empty"), clb -> clb.withMethodBody("main",
                    MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.return_()))), 0);

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final SipContext context = (SipContext) Proxy.newProxyInstance(SipContext.class.getClassLoader(),
            new Class<?>[] {SipContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "stopping" -> stopping.get();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void theRuntimeIsDefinedOnlyWhenTheSipsCodeFirstUsesIt() throws Exception {
        SipLoader loader = new SipLoader(PROGRAM, new singj.kernel.ipc.Contracts(), context);
        loader.loadClass("Empty");
        assertFalse(loader.isDefined(SipGlue.class.getName()), "no copy of SipGlue before the SIP's code needs one");

        Class<?> glue = loader.loadClass(SipGlue.class.getName());
        assertNotSame(SipGlue.class, glue, "the SIP's own copy");
        assertSame(context, glue.getMethod("context").invoke(null), "bound to the SIP's context as it initialises");
        assertFalse(killed(glue));
        loader.killGlue();
        assertTrue(killed(glue), "a kill raises the flag of the copy in use");
    }

    @Test
    void aCopyDefinedAfterTheKillStartsOutKilled() throws Exception {
        SipLoader loader = new SipLoader(PROGRAM, new singj.kernel.ipc.Contracts(), context);
        stopping.set(true);
        loader.killGlue(); // what a kill does before the SIP's code has used its runtime: nothing to flag yet
        Class<?> glue = loader.loadClass(SipGlue.class.getName());
        assertTrue(killed(glue), "its first kill check unwinds");
    }

    /** Whether the copy is killed: its kill flag (for the loops' polls) and its life call site (for the entry checks) agree. */
    private static boolean killed(Class<?> glue) throws ReflectiveOperationException {
        boolean flag = glue.getField("killed").getBoolean(null);
        boolean entryCheckThrows;
        try {
            glue.getMethod("enter").invoke(null);
            entryCheckThrows = false;
        } catch (InvocationTargetException thrown) {
            // the test's context answers killed() with this
            entryCheckThrows = thrown.getCause() instanceof UnsupportedOperationException unsupported
                    && "killed".equals(unsupported.getMessage());
        }
        assertEquals(flag, entryCheckThrows, "the kill flag and the entry check disagree");
        return flag;
    }
}
