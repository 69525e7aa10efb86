package singj.kernel;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SipState;

/**
 * A SIP whose {@code main} returns is released by its own main thread, without a reaper: by the
 * time {@code awaitExit} returns, nothing of it is left.
 */
class SipEndTest {
    /** {@code public static void main(String[]) {}}: its code never reaches the SIP runtime. */
    private static final SealedProgram EXIT0 = new SealedProgram("exit0", "Exit0", Map.of("Exit0",
            ClassFile.of().build(ClassDesc.of("Exit0"), clb -> clb.withMethodBody("main",
                    MethodTypeDesc.of(CD_void, CD_String.arrayType()), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    code -> code.return_()))), 0);

    @Test
    void aSipWhoseMainReturnsLeavesNothingBehind() throws InterruptedException {
        try (Kernel kernel = Kernel.boot(NoPrograms.STORE, KernelConfig.defaults())) {
            int accounts = kernel.hostRuntime().openAccounts();
            for (int i = 0; i < 200; i++) {
                Proc sip = kernel.spawn(EXIT0, SipOptions.of(Stdio.none()));
                WeakReference<ClassLoader> loader = sip.classLoaderReference();
                assertEquals(ExitStatus.exited(0), sip.awaitExit());
                assertEquals(SipState.DEAD, sip.state());
                assertEquals(0, sip.threadCount());
                assertEquals(List.of(), kernel.processes(), "gone from the process table");
                assertEquals(accounts, kernel.hostRuntime().openAccounts(), "its memory account is closed");
                if (i == 0) {
                    for (int attempt = 0; attempt < 20 && loader.get() != null; attempt++) {
                        System.gc();
                        Thread.sleep(50);
                    }
                    assertNull(loader.get(), "its class loader became unreachable");
                }
            }
        }
    }
}
