package singj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import singj.installer.surface.SurfaceFile;

@Command(name = "jdk-surface", mixinStandardHelpOptions = true, description = {
        "Proves which members of the running JDK a SIP may reach: follows every public member of java.base",
        "to the sinks (host files and sockets, processes, threads and shared pools, JVM-wide state, locks on",
        "shared objects, reflection, class loading, native code) and writes one verdict per member.",
        "Without --out, compares the result with the surface the installer ships (docs/sealing.md)."})
final class JdkSurfaceCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--out", paramLabel = "FILE", description = "write the surface to FILE "
            + "(the installer's is installer/src/main/resources/singj/installer/surface/jdk-FEATURE.surface)")
    Path out;

    JdkSurfaceCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        terminal.err().println("analysing java.base of JDK " + Runtime.version() + " (about 30 s on 2 cores)...");
        long start = System.nanoTime();
        String text = SurfaceFile.generate();
        double seconds = (System.nanoTime() - start) / 1e9;
        SurfaceFile.Summary summary = SurfaceFile.summarize(text);
        terminal.out().printf("%d members: %d allowed, %d denied, %d to review; %.1f s%n",
                summary.allowed() + summary.denied() + summary.review(), summary.allowed(), summary.denied(),
                summary.review(), seconds);
        terminal.out().println("commonest reasons for a denial:");
        for (var root : summary.topRoots(10)) {
            terminal.out().printf("%6d  %s%n", root.getValue(), root.getKey());
        }
        if (out != null) {
            Files.writeString(out, text);
            terminal.out().println("wrote " + out);
            return 0;
        }
        String installed = SurfaceFile.installed();
        if (text.equals(installed)) {
            terminal.out().println("the installer's surface is this JDK's");
            return 0;
        }
        terminal.err().println("singj: the installer's surface " + (installed == null ? "is missing for this JDK"
                : "differs from this JDK's") + "; regenerate it with: singj jdk-surface --out "
                + "installer/src/main/resources/singj/installer/surface/jdk-" + Runtime.version().feature() + ".surface");
        return 1;
    }
}
