package singj.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import singj.abi.Sip;
import singj.abi.runtime.PrivateClassLoader;
import singj.abi.runtime.SipGlue;
import singj.kernel.ipc.ContractLoader;

/**
 * The class loader of one SIP. It defines the program's sealed classes and its own copies of
 * the per-SIP ABI classes, so that static state belongs to exactly one SIP; it resolves
 * everything else only from the JDK's platform classes and the shared ABI, so that a SIP cannot
 * even name the kernel. When the SIP dies this loader becomes unreachable, and with it every
 * class and static field of the SIP.
 */
final class SipLoader extends ClassLoader implements PrivateClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** ABI classes that hold or reach per-SIP state: each SIP gets its own copy. */
    static final Set<String> PER_SIP_CLASSES = Set.of(SipGlue.class.getName(), Sip.class.getName());
    private static final Map<String, byte[]> PER_SIP_CLASS_BYTES = readPerSipClasses();
    private static final ClassLoader SHARED_ABI = SipGlue.class.getClassLoader();
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final Map<String, byte[]> programClasses;
    private final Set<String> contracts;
    private final ContractLoader contractLoader;

    SipLoader(SealedProgram program, ContractLoader contractLoader) {
        super(null); // unnamed, so that stack traces print as they do under `java`
        this.programClasses = program.classes();
        this.contracts = program.manifest().contracts();
        this.contractLoader = contractLoader;
        if (!contracts.isEmpty()) {
            Map<String, byte[]> shared = new java.util.HashMap<>();
            contracts.forEach(name -> shared.put(name, programClasses.get(name)));
            contractLoader.register(shared);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = locate(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> locate(String name) throws ClassNotFoundException {
        byte[] own = PER_SIP_CLASS_BYTES.get(name); // never shadowed by a program class
        if (own != null) {
            return defineClass(name, own, 0, own.length);
        }
        if (contracts.contains(name)) {
            return contractLoader.loadClass(name); // one class for every SIP that speaks the contract
        }
        byte[] program = programClasses.get(name);
        if (program != null) {
            return defineClass(name, program, 0, program.length);
        }
        if (name.startsWith("singj.abi.")) {
            return SHARED_ABI.loadClass(name);
        }
        return PLATFORM.loadClass(name); // JDK classes only: the kernel is not visible
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }

    private static Map<String, byte[]> readPerSipClasses() {
        var bytes = new java.util.HashMap<String, byte[]>();
        for (String name : PER_SIP_CLASSES) {
            String resource = "/" + name.replace('.', '/') + ".class";
            try (InputStream in = SipGlue.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the ABI jar lacks " + resource);
                }
                bytes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(bytes);
    }
}
