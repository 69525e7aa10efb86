package singj.kernel.isolate;

import java.io.FileInputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.runtime.HostFrames;
import singj.abi.runtime.SipKilled;
import singj.kernel.ProgramManifest;
import singj.kernel.SealedProgram;
import singj.kernel.ipc.Contracts;
import singj.kernel.ipc.Grants;
import singj.kernel.proc.SipLoader;

/**
 * The JVM of a process SIP (docs/isolation.md): reads its secret from standard input, connects to
 * its kernel, gets its sealed program and maps its window, then runs the program as an in-process
 * SIP runs: the same sealed classes, defined by the same {@link SipLoader}, with a
 * {@link ChildContext} whose kernel calls go over the line. It exits with the SIP's status.
 *
 * <p>{@code args[0]}: the kernel's socket.
 */
public final class ChildMain {
    /** The exit status of a child that lost its kernel (the kernel is killing it, or has gone). */
    static final int LOST_KERNEL = 137;

    /** The program's loader, for the message classes of what the kernel sends (one program per JVM). */
    private static volatile ClassLoader programLoader;

    private ChildMain() {}

    public static void main(String[] args) throws Throwable {
        String secret = readSecret();
        KernelLine kernel = new KernelLine(Path.of(args[0]), secret);
        Wire.In start = kernel.start();
        int pid = start.getInt();
        String name = start.getString();
        String mainClass = start.getString();
        List<String> programArgs = new ArrayList<>();
        for (int i = start.getCount(); i > 0; i--) {
            programArgs.add(start.getString());
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = start.getCount(); i > 0; i--) {
            environment.put(start.getString(), start.getString());
        }
        Properties properties = new Properties();
        for (int i = start.getCount(); i > 0; i--) {
            properties.setProperty(start.getString(), start.getString());
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (int i = start.getCount(); i > 0; i--) {
            classes.put(start.getString(), start.getBytes());
        }
        Set<String> contracts = new HashSet<>();
        for (int i = start.getCount(); i > 0; i--) {
            contracts.add(start.getString());
        }
        Path windowFile = Path.of(start.getString());
        long windowBytes = start.getLong();
        long windowAddress = start.getLong();
        int lanes = start.getInt();
        Path lanesFile = lanes > 0 ? Path.of(start.getString()) : null;
        long lanesAddress = lanes > 0 ? start.getLong() : 0;
        start.end();
        MemorySegment window = Window.mapInChild(windowFile, windowBytes, windowAddress);
        kernel.window(window);
        if (lanes > 0) {
            kernel.lanes(Window.mapInChild(lanesFile, (long) lanes * Lane.BYTES, lanesAddress), lanes);
        }
        kernel.call(new Wire.Out(Wire.MAPPED));

        SealedProgram program = new SealedProgram(name, mainClass, classes, 0,
                new ProgramManifest(contracts, Grants.NONE, 0, Map.of()));
        ChildContext context = new ChildContext(kernel, pid, name, Map.copyOf(environment), properties);
        SipLoader loader = new SipLoader(program, new Contracts(), context);
        programLoader = loader;
        MethodHandle main = findMain(loader.loadClass(mainClass));
        int status = 0;
        try {
            main.invokeExact(programArgs.toArray(String[]::new));
        } catch (SipKilled exiting) {
            return; // System.exit: the context has halted, or is halting, the JVM
        } catch (Throwable uncaught) {
            System.err.print("Exception in thread \"main\" ");
            HostFrames.hide(uncaught).printStackTrace(System.err);
            status = 1;
        }
        context.awaitNonDaemonThreads();
        context.exitNow(status);
    }

    /** The first line of standard input, read a byte at a time: what follows is the SIP's input. */
    private static String readSecret() throws IOException {
        FileInputStream in = new FileInputStream(FileDescriptor.in);
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0 || line.length() > 64) {
                throw new IOException("no secret on standard input: this JVM is started by a SingJ kernel only");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private static MethodHandle findMain(Class<?> mainClass) throws IllegalAccessException, NoSuchMethodException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(mainClass, MethodHandles.lookup());
        try {
            return lookup.findStatic(mainClass, "main", MethodType.methodType(void.class, String[].class));
        } catch (NoSuchMethodException noArgsMain) {
            return MethodHandles.dropArguments(lookup.findStatic(mainClass, "main", MethodType.methodType(void.class)), 0,
                    String[].class);
        }
    }

    /** The program's message class {@code name}, for a message from the kernel. */
    static Class<?> messageClass(String name) {
        try {
            return programLoader.loadClass(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** How the child reads the blocks and endpoints the kernel hands it. */
    static Wire.Handles handles(KernelLine kernel) {
        return new Wire.Handles() {
            @Override
            public void putBlock(Wire.Out out, Block block) {
                throw new IllegalStateException();
            }

            @Override
            public void putEndpoint(Wire.Out out, Endpoint<?> endpoint) {
                throw new IllegalStateException();
            }

            @Override
            public Block getBlock(Wire.In in) {
                return kernel.getBlock(in);
            }

            @Override
            public Endpoint<?> getEndpoint(Wire.In in) {
                return kernel.getEndpoint(in);
            }
        };
    }
}
