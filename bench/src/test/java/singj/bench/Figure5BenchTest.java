package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.installer.SystemImage;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Figure 5 workload ({@code singj bench --figure5}) does what its figures claim: the pipeline
 * runs to its end with every acknowledgement checked (a wrong one fails the source), sealed and
 * stripped; the stripped programs really have no kill checks or accounting left; and the plain
 * Linux pipeline checks its acknowledgements the same way. No timing is judged.
 */
class Figure5BenchTest {
    @TempDir
    Path work;

    @Test
    void thePipelineRunsSealedAndStrippedWithEveryAckChecked() throws Exception {
        for (boolean stripped : new boolean[] {false, true}) {
            Figure5Bench.Programs programs = Figure5Bench.Programs.seal(stripped);
            try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image-" + stripped)), KernelConfig.defaults())) {
                long[] figures = Figure5Bench.runPipeline(kernel, programs, Figure5Bench.CONFIGURATIONS.get(stripped ? 1 : 0), 200, 4);
                assertTrue(figures[0] > 0 && figures[1] > 0, "per-operation figures from the source");
                assertEquals(0, kernel.ipc().heap().inUse(), "every block went back: the sink freed them");
            }
        }
    }

    @Test
    void theStrippedProgramsHaveNoRuntimeChecksLeft() {
        Figure5Bench.Programs sealed = Figure5Bench.Programs.seal(false);
        Figure5Bench.Programs stripped = Figure5Bench.Programs.seal(true);
        assertTrue(glueCalls(sealed.filter().classes().values()) > 0, "the sealed filter has kill checks");
        assertEquals(0, glueCalls(stripped.filter().classes().values()), "the stripped filter has none");
        assertEquals(0, glueCalls(stripped.source().classes().values()), "the stripped source has none");
        assertFalse(stripped.sink().manifest().contracts().isEmpty(), "stripping keeps the manifest (its contracts and names)");
    }

    @Test
    void thePlainLinuxPipelineChecksItsAcknowledgements() throws Exception {
        long[] figures = Figure5Bench.runPipes(Figure5Bench.buildPipes(), 200, 4);
        assertTrue(figures[0] > 0 && figures[1] > 0);
    }

    /** The calls of the kill checks ({@code SipGlue.enter}) in these class files. */
    private static long glueCalls(Iterable<byte[]> classes) {
        long calls = 0;
        for (byte[] bytes : classes) {
            calls += ClassFile.of().parse(bytes).methods().stream()
                    .flatMap(method -> method.code().stream())
                    .flatMap(code -> code.elementStream())
                    .filter(element -> element instanceof InvokeInstruction call
                            && call.owner().asInternalName().equals("singj/abi/runtime/SipGlue")
                            && call.name().stringValue().equals("enter"))
                    .count();
        }
        return calls;
    }
}
