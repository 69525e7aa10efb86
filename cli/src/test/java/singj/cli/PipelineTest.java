package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.Proc;

/**
 * The example pipeline, three SIPs on one kernel: pipe-source allocates 1 MiB blocks, pipe-filter
 * transforms them in place, pipe-sink checks them; the sink must see the very blocks the source
 * allocated (same addresses: no copy) holding the filter's work. Each stage in turn runs again in a
 * JVM process of its own (docs/isolation.md): a block leaves a process SIP without a copy, and is
 * copied into its window on the way in.
 */
class PipelineTest {
    /** Which stage runs in a process of its own. */
    enum Isolated { NONE, SOURCE, FILTER, SINK }

    private static final int BLOCKS = 5;
    private static final int INTS = (1 << 20) / Integer.BYTES;

    @TempDir
    Path work;
    private Kernel kernel;

    @BeforeEach
    void boot() {
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
    }

    @AfterEach
    void shutDown() {
        kernel.close();
    }

    @ParameterizedTest
    @EnumSource(Isolated.class)
    void theSinkSeesTheSourcesBlocksTransformedWithoutACopy(Isolated isolated) throws InterruptedException {
        // started in reverse order: each stage waits for the name of the next
        var sourceOut = new ByteArrayOutputStream();
        Proc source = start("pipe-source", sourceOut, isolated == Isolated.SOURCE, String.valueOf(BLOCKS));
        var filterOut = new ByteArrayOutputStream();
        Proc filter = start("pipe-filter", filterOut, isolated == Isolated.FILTER);
        var sinkOut = new ByteArrayOutputStream();
        Proc sink = start("pipe-sink", sinkOut, isolated == Isolated.SINK);

        assertEquals(0, source.awaitExit(Duration.ofSeconds(20)).code(), sourceOut.toString());
        assertEquals(0, filter.awaitExit(Duration.ofSeconds(10)).code(), filterOut.toString());
        assertEquals(0, sink.awaitExit(Duration.ofSeconds(10)).code(), sinkOut.toString());

        Map<Integer, String> allocated = matches(sourceOut, "source: block (\\d+) allocated at (0x[0-9a-f]+)");
        Matcher seen = Pattern.compile("sink: block (\\d+) at (0x[0-9a-f]+), 1048576 bytes, checksum ([0-9a-f]{16}), (.*)")
                .matcher(sinkOut.toString(StandardCharsets.UTF_8));
        Map<Integer, String> received = new LinkedHashMap<>();
        while (seen.find()) {
            int number = Integer.parseInt(seen.group(1));
            received.put(number, seen.group(2));
            assertEquals(String.format("%016x", expectedChecksum(number)), seen.group(3), "checksum of block " + number);
            assertEquals("content ok", seen.group(4), "block " + number);
        }
        assertEquals(BLOCKS, allocated.size(), sourceOut.toString());
        Map<Integer, String> transformed = matches(filterOut, "filter: block (\\d+) at (0x[0-9a-f]+) transformed in place");
        assertEquals(BLOCKS, transformed.size(), filterOut.toString());
        // where a block enters a process SIP it is copied into the SIP's window; everywhere else it moves as it is
        assertEquals(isolated != Isolated.FILTER, allocated.equals(transformed), "the filter transformed the source's blocks in place:\n"
                + sourceOut + filterOut);
        assertEquals(isolated != Isolated.SINK, transformed.equals(received), "the sink saw the filter's blocks:\n" + filterOut + sinkOut);
        assertTrue(sinkOut.toString().contains("sink: " + BLOCKS + " of " + BLOCKS + " blocks received, all transformed by the filter"),
                sinkOut.toString());

        assertEquals(List.of("/kernel/processes", "/kernel/status", "/process/children"), ChannelsTest.names(kernel), "the stages' names went with them");
        assertEquals(0, kernel.ipc().channels().size(), "no channel is left open");
        assertEquals(0, kernel.ipc().heap().inUse(), "every block was freed");
        ProcessLeftovers.assertNone();
    }

    /** What the sink must compute: the source's pattern plus the filter's 1, folded as the sink folds it. */
    private static long expectedChecksum(int number) {
        long checksum = 0;
        for (int i = 0; i < INTS; i++) {
            checksum = checksum * 31 + (number * 1_000_003 + i + 1);
        }
        return checksum;
    }

    private static Map<Integer, String> matches(ByteArrayOutputStream out, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(out.toString(StandardCharsets.UTF_8));
        Map<Integer, String> found = new LinkedHashMap<>();
        while (matcher.find()) {
            found.put(Integer.parseInt(matcher.group(1)), matcher.group(2));
        }
        return found;
    }

    private Proc start(String program, ByteArrayOutputStream out, boolean inOwnProcess, String... args) {
        Path jar = Path.of(System.getProperty("singj.apps")).resolve(program + ".jar");
        assertTrue(Files.isRegularFile(jar), "the build puts " + jar + " in the default image");
        SealedProgram sealed = Installer.standard().seal(ProgramJar.read(jar), program, 0);
        SipOptions options = SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), args);
        return inOwnProcess ? kernel.spawnIsolated(sealed, options) : kernel.spawn(sealed, options);
    }
}
