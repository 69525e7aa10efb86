package singj.kernel.ipc;

import java.util.Arrays;
import java.util.Map;
import singj.abi.Contract;
import singj.abi.runtime.SharedClassLoader;

/**
 * One contract as some program defines it: its interface and message records, byte for byte,
 * loaded once by a loader of their own. Every SIP whose program brings exactly these class files
 * links to the same classes, so a message object can go from one SIP to another as it is; a
 * program that brings other class files under the same names gets a definition of its own, and
 * the two never meet (a name bound to one refuses openers of the other: {@link NameServer}).
 * The installer has checked that these classes are pure data (records of immutable fields, no
 * code of their own), so sharing them shares no state.
 */
final class ContractDefinition extends ClassLoader implements SharedClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final ClassLoader SHARED_ABI = Contract.class.getClassLoader();

    private final String contract;
    /** Class bytes by binary name: the interface and its messages. */
    private final Map<String, byte[]> classes;
    /** The embedding application's own classes when it shared the contract ({@link Contracts#share}), else empty. */
    private final Map<String, Class<?>> hosted;

    ContractDefinition(String contract, Map<String, byte[]> classes, Map<String, Class<?>> hosted) {
        super("singj-contract " + contract, ClassLoader.getPlatformClassLoader());
        this.contract = contract;
        this.classes = Map.copyOf(classes);
        this.hosted = Map.copyOf(hosted);
    }

    /** The binary name of the contract interface. */
    String contract() {
        return contract;
    }

    /** Whether {@code other} holds exactly these class files: then it is the same contract. */
    boolean sameAs(Map<String, byte[]> other) {
        if (!other.keySet().equals(classes.keySet())) {
            return false;
        }
        for (var entry : other.entrySet()) {
            if (!Arrays.equals(entry.getValue(), classes.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = hosted.get(name);
            }
            if (type == null) {
                byte[] bytes = classes.get(name);
                if (bytes != null) {
                    type = defineClass(name, bytes, 0, bytes.length);
                } else if (name.startsWith("singj.abi.")) {
                    type = SHARED_ABI.loadClass(name);
                } else {
                    type = getParent().loadClass(name); // the JDK only: never another program's classes
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }
}
