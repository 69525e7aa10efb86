package singj.kernel;

import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A SIP that cannot start leaves nothing behind: no process-table entry, no memory account. */
class FailedSpawnTest {
    @Test
    void aProgramWithoutMainIsRefusedAndReleased() {
        byte[] noMain = ClassFile.of().build(ClassDesc.of("NoMain"), clb -> clb.withMethodBody("helper",
                MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.return_()));
        SealedProgram program = new SealedProgram("nomain", "NoMain", Map.of("NoMain", noMain), 0);
        try (Kernel kernel = Kernel.boot(NoPrograms.STORE, KernelConfig.defaults())) {
            int accounts = kernel.hostRuntime().openAccounts();
            var refused = assertThrows(KernelException.class, () -> kernel.spawn(program, SipOptions.of(Stdio.none())));
            assertTrue(refused.getMessage().contains("no static main method"), refused.getMessage());
            assertEquals(accounts, kernel.hostRuntime().openAccounts(), "the failed SIP's memory account was released");
            assertEquals(List.of(), kernel.processes());
        }
    }
}
