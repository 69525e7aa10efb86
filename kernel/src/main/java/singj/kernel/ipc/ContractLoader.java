package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import singj.abi.Contract;
import singj.abi.runtime.SharedClassLoader;

/**
 * Loads contract classes once for the whole kernel: every SIP that uses a contract links to the
 * same interface and message records, so a message object can go from one SIP to another as it
 * is. The installer has checked that these classes are pure data (records of immutable fields,
 * no code of their own), so sharing them shares no state. Two programs that bring different
 * classes under one name cannot both run.
 */
public final class ContractLoader extends ClassLoader implements SharedClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final ClassLoader SHARED_ABI = Contract.class.getClassLoader();
    private final Map<String, byte[]> defined = new HashMap<>();
    /** Classes of the embedding application, shared with programs ({@link #share}). */
    private final Map<String, Class<?>> shared = new HashMap<>();

    public ContractLoader() {
        super("singj-contracts", ClassLoader.getPlatformClassLoader());
    }

    /**
     * Makes {@code classes} (a program's contract interfaces and messages) loadable here, unless
     * the kernel already has them.
     *
     * @throws IllegalStateException if another program brought different classes under one of these names
     */
    public void register(Map<String, byte[]> classes) {
        synchronized (defined) {
            for (var entry : classes.entrySet()) {
                byte[] known = defined.get(entry.getKey());
                if (known != null && !Arrays.equals(known, entry.getValue())) {
                    throw new IllegalStateException("contract class " + entry.getKey() + " differs from the one "
                            + "another program brought; give one of them a different name");
                }
            }
            classes.forEach(defined::putIfAbsent);
        }
    }

    /**
     * Makes the embedding application's {@code contract} (and its messages) the class every
     * program that declares a contract of that name gets, provided the program's class files are
     * the same.
     */
    public void share(Class<?> contract) {
        List<Class<?>> classes = new ArrayList<>(List.of(contract.getDeclaredClasses()));
        classes.add(contract);
        synchronized (defined) {
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                try (var in = type.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no class file for " + type.getName());
                    }
                    defined.put(type.getName(), in.readAllBytes());
                    shared.put(type.getName(), type);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    /** Whether {@code name} is a registered contract class. */
    public boolean has(String name) {
        synchronized (defined) {
            return defined.containsKey(name);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                synchronized (defined) {
                    type = shared.get(name);
                }
            }
            if (type == null) {
                byte[] bytes;
                synchronized (defined) {
                    bytes = defined.get(name);
                }
                if (bytes != null) {
                    type = defineClass(name, bytes, 0, bytes.length);
                } else if (name.startsWith("singj.abi.")) {
                    type = SHARED_ABI.loadClass(name);
                } else {
                    type = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
