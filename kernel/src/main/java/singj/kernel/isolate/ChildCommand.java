package singj.kernel.isolate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the kernel starts a process SIP's JVM: the java of the kernel's own JDK, SingJ's class path,
 * and the options the SIP runtime needs ({@link ChildMain}); the launcher's ahead-of-time cache
 * when the system property {@value #AOT_PROPERTY} names one.
 *
 * @param java the java launcher
 * @param classPath SingJ's class path (the kernel's: the child runs the same ABI and runtime classes)
 * @param options JVM options before the main class
 * @param mainClass the child's main class: {@link ChildMain}, or in tests a child that attacks its kernel
 */
public record ChildCommand(Path java, String classPath, List<String> options, String mainClass) {
    /** The system property that names an AOT cache for the child ({@code -XX:AOTCache}), set by the launcher. */
    public static final String AOT_PROPERTY = "singj.child.aot";
    /** Heap for the child's own runtime on top of the SIP's memory quota. */
    private static final long RUNTIME_HEAP = 32L << 20;

    public ChildCommand {
        options = List.copyOf(options);
    }

    /** The kernel's JDK and class path, with the AOT cache {@value #AOT_PROPERTY} names if any. */
    public static ChildCommand sameJvm() {
        List<String> options = new ArrayList<>(List.of(
                "--enable-native-access=ALL-UNNAMED", // the window is mapped through java.lang.foreign
                // as the launcher's: cooperative threads switch as continuations
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                // a virtual thread asleep in a lane's futex gets a spare carrier meanwhile (Futex)
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Xss8m", "-XX:+UseSerialGC"));
        String aot = System.getProperty(AOT_PROPERTY);
        if (aot != null && Files.isRegularFile(Path.of(aot))) {
            options.addAll(List.of("-XX:AOTCache=" + aot, "-Xlog:aot*=off", "-Xlog:cds*=off"));
        }
        return new ChildCommand(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                options, ChildMain.class.getName());
    }

    /** Whether the child starts with an AOT cache. */
    public boolean usesAotCache() {
        return options.stream().anyMatch(option -> option.startsWith("-XX:AOTCache="));
    }

    /** The same command without the AOT cache (to measure what the cache saves). */
    public ChildCommand withoutAotCache() {
        return new ChildCommand(java, classPath, options.stream().filter(option -> !option.startsWith("-XX:AOTCache=")
                && !option.startsWith("-Xlog:aot") && !option.startsWith("-Xlog:cds")).toList(), mainClass);
    }

    /**
     * The same command, but the kernel gives the child no lanes: every call goes over the socket
     * (to measure what the lanes save, side by side). The mark is an option the child's JVM ignores.
     */
    public ChildCommand withoutLanes() {
        List<String> marked = new ArrayList<>(options);
        marked.add(NO_LANES);
        return new ChildCommand(java, classPath, marked, mainClass);
    }

    /** Whether the kernel gives the child lanes ({@link Lane}). */
    public boolean usesLanes() {
        return !options.contains(NO_LANES);
    }

    private static final String NO_LANES = "-Dsingj.child.lanes=false";

    /** The same command with another main class (a hostile child, in tests). */
    public ChildCommand withMainClass(String name) {
        return new ChildCommand(java, classPath, options, name);
    }

    /** Starts the child for the kernel socket {@code socket}, with a heap of the SIP's quota. */
    Process start(Path socket, long memoryQuota) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add("-Xmx" + Math.max(64L << 20, memoryQuota + RUNTIME_HEAP));
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.add(socket.toString());
        return new ProcessBuilder(command).start();
    }
}
