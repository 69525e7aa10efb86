package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Linux baselines build, measure what they say, and fail with messages a person can act on. */
class NativeBaselinesTest {
    /** Shared by the tests that only run baselines, so each program is compiled once. */
    private static final NativeBaselines BASELINES = NativeBaselines.standard();

    /** Small counts: the whole class runs in a few seconds. */
    private static long smallOps(LinuxBaseline baseline) {
        return switch (baseline) {
            case GETPID -> 20_000;
            case YIELD -> 2_000;
            case CONDVAR, PIPE -> 500;
            case PIPE_1MIB -> 10;
            case SPAWN -> 20;
        };
    }

    /**
     * Plausible times per operation, in ns. The lower bounds are an order of magnitude under what
     * any machine takes, and far over an empty loop's fraction of a nanosecond; the upper bounds
     * leave room for a loaded machine.
     */
    private static double[] plausibleNs(LinuxBaseline baseline) {
        return switch (baseline) {
            case GETPID -> new double[] {20, 100_000};
            case YIELD, CONDVAR, PIPE -> new double[] {200, 10_000_000};
            case PIPE_1MIB -> new double[] {20_000, 1_000_000_000};
            case SPAWN -> new double[] {20_000, 1_000_000_000};
        };
    }

    @ParameterizedTest
    @EnumSource(LinuxBaseline.class)
    void eachBaselineCountsTheOperationsItWasAskedForAtAPlausibleCost(LinuxBaseline baseline) {
        long ops = smallOps(baseline);
        NativeBaselines.Measurement measurement = BASELINES.run(baseline, ops);
        assertEquals(baseline, measurement.baseline());
        assertEquals(ops, measurement.ops());
        double[] range = plausibleNs(baseline);
        assertTrue(measurement.nsPerOp() >= range[0] && measurement.nsPerOp() <= range[1],
                measurement + " is outside " + range[0] + ".." + range[1] + " ns/op");
    }

    @Test
    void aMissingCompilerIsReportedInOneClearLine(@TempDir Path directory) {
        NativeBaselines baselines = NativeBaselines.in(directory, Map.of("PATH", ""));
        NativeBaselineException e = assertThrows(NativeBaselineException.class,
                () -> baselines.run(LinuxBaseline.GETPID, 1));
        assertEquals("no C compiler found (tried $CC, cc, gcc, clang): install gcc to measure the Linux baselines",
                e.getMessage());

        NativeBaselines withBadCc = NativeBaselines.in(directory, Map.of("CC", "/no/such/cc", "PATH", ""));
        e = assertThrows(NativeBaselineException.class, () -> withBadCc.run(LinuxBaseline.GETPID, 1));
        assertEquals("no C compiler found (tried $CC=/no/such/cc, cc, gcc, clang): install gcc to measure the Linux baselines",
                e.getMessage());
    }

    @Test
    void ccComesFirstThenTheNamesOnThePath() {
        Path found = Path.of(CCompiler.find(System.getenv()).command().getFirst());
        // $CC alone, with nothing on the path
        assertEquals(List.of(found.toString(), "-g"),
                CCompiler.find(Map.of("CC", found + " -g", "PATH", "")).command());
        // a $CC that is not there is passed over for the names on the path
        assertEquals(List.of(found.toString()),
                CCompiler.find(Map.of("CC", "/no/such/cc", "PATH", "/no/such/dir:" + found.getParent())).command());
    }

    @Test
    void aFailingBaselineReportsItsStderr() {
        NativeBaselineException e = assertThrows(NativeBaselineException.class,
                () -> BASELINES.execute(LinuxBaseline.SPAWN, List.of("1", "/no/such/program")));
        assertTrue(e.getMessage().startsWith("the Linux baseline spawn failed (exit 1): "), e.getMessage());
        assertTrue(e.getMessage().contains("posix_spawn of /no/such/program failed: No such file or directory"),
                e.getMessage());

        e = assertThrows(NativeBaselineException.class, () -> BASELINES.execute(LinuxBaseline.GETPID, List.of("0")));
        assertTrue(e.getMessage().contains("usage: getpid OPS"), e.getMessage());
    }

    @Test
    void aBinaryIsRebuiltOnlyWhenItIsOlderThanItsSource(@TempDir Path directory) throws Exception {
        NativeBaselines baselines = NativeBaselines.in(directory);
        baselines.build(LinuxBaseline.GETPID);
        Path binary = baselines.binary("getpid");
        Object built = fileKey(binary);

        baselines.build(LinuxBaseline.GETPID);
        assertEquals(built, fileKey(binary), "an up-to-date binary was rebuilt");

        Files.setLastModifiedTime(binary, FileTime.fromMillis(
                Files.getLastModifiedTime(directory.resolve("getpid.c")).toMillis() - 60_000));
        baselines.build(LinuxBaseline.GETPID);
        assertNotEquals(built, fileKey(binary), "a binary older than its source was kept");
        assertEquals(1, baselines.run(LinuxBaseline.GETPID, 1).ops());
    }

    @Test
    void theMeasurementIsReadFromTheResultLine() {
        assertEquals(new NativeBaselines.Measurement(LinuxBaseline.PIPE, 1234.5, 100),
                NativeBaselines.parse(LinuxBaseline.PIPE, "ns_per_op=1234.5 ops=100\n"));
        NativeBaselineException e = assertThrows(NativeBaselineException.class,
                () -> NativeBaselines.parse(LinuxBaseline.PIPE, "ops=100\n"));
        assertEquals("the Linux baseline pipe printed no result line: \"ops=100\"", e.getMessage());
    }

    /** The file's identity (device and inode): a rebuilt binary is a new file, renamed into place. */
    private static Object fileKey(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
