package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import singj.bench.InstrumentationTax.Variant;
import singj.kernel.SealedProgram;

/**
 * The benchmark's set-up, not its speed: every variant must run the same workloads to the same
 * results, and the diagnostic variants must lack exactly the calls they claim to.
 */
class InstrumentationTaxTest {
    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariantComputesWhatThePlainClassComputes(Variant variant) throws Throwable {
        InstrumentationTax plain = setUp(Variant.plain);
        InstrumentationTax other = setUp(variant);
        var cpu = new CpuTimePerOperation();
        cpu.start();
        try {
            assertEquals(plain.sort(cpu), other.sort(cpu), "sort");
            assertEquals(plain.hashMap(cpu), other.hashMap(cpu), "hashMap");
            assertEquals(plain.scale(cpu), other.scale(cpu), "scale");
            assertEquals(plain.fib(cpu), other.fib(cpu), "fib");
            assertEquals(plain.allocate(cpu), other.allocate(cpu), "allocate");
            assertTrue(cpu.cpuNanosPerOp() > 0, "the CPU time of 10 operations");
        } finally {
            other.tearDown();
        }
    }

    @Test
    void sealedCodeCallsTheGlueAndTheStrippersRemoveOneKindEach() {
        SealedProgram sealed = InstrumentationTax.program();
        Set<String> all = glueCalls(sealed);
        assertTrue(all.containsAll(List.of("enter", "arrayRequest")), all.toString());
        assertFalse(all.contains("allocated") || all.contains("charge") || all.contains("allocatedArray"),
                "no allocation site has a hook: " + all);

        Set<String> accountingOnly = glueCalls(GlueStripper.KILL_CHECKS.strip(sealed));
        assertFalse(accountingOnly.contains("enter"), accountingOnly.toString());
        assertTrue(accountingOnly.contains("arrayRequest"), accountingOnly.toString());

        Set<String> killChecksOnly = glueCalls(GlueStripper.MEMORY_ACCOUNTING.strip(sealed));
        assertTrue(killChecksOnly.contains("enter"), killChecksOnly.toString());
        assertFalse(killChecksOnly.contains("arrayRequest"), killChecksOnly.toString());
    }

    private static InstrumentationTax setUp(Variant variant) throws ReflectiveOperationException {
        InstrumentationTax benchmark = new InstrumentationTax();
        benchmark.variant = variant;
        benchmark.setUp();
        return benchmark;
    }

    private static Set<String> glueCalls(SealedProgram program) {
        Set<String> calls = new HashSet<>();
        for (byte[] bytes : program.classes().values()) {
            for (MethodModel method : ClassFile.of().parse(bytes).methods()) {
                for (var element : method.code().map(CodeModel::elementList).orElse(List.of())) {
                    if (element instanceof InvokeInstruction call
                            && call.owner().asInternalName().equals("singj/abi/runtime/SipGlue")) {
                        calls.add(call.name().stringValue());
                    }
                }
            }
        }
        return calls;
    }
}
