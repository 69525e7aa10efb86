package singj.kernel.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contracts of one kernel, each identified by its class files rather than its name: a
 * contract is its interface and message records, byte for byte ({@link ContractDefinition}). A
 * client and a server built against the same contract classes link to one definition and talk;
 * two programs that bring different classes under one name each get their own, so neither can
 * take the name from the other (the first to run used to keep it for good).
 *
 * <p>A definition lives as long as something links to it (a SIP's loader, a channel, a
 * registered name), so that the classes of contracts nobody speaks any more can be unloaded; the
 * embedding application's shared contracts live as long as the kernel.
 */
public final class Contracts {
    /** Definitions by the contract interface's binary name; several when programs disagree on its classes. */
    private final Map<String, List<WeakReference<ContractDefinition>>> definitions = new HashMap<>();
    private final List<ContractDefinition> sharedByHost = new ArrayList<>();

    /**
     * The loader of each of a program's contract classes: for each contract among
     * {@code classes}, the definition with exactly its class files, made if there is none yet.
     *
     * @param classes the program's contract interfaces and their messages, by binary name
     */
    public Map<String, ClassLoader> loadersFor(Map<String, byte[]> classes) {
        Map<String, ClassLoader> loaders = new HashMap<>();
        byContract(classes).forEach((contract, own) -> {
            ContractDefinition definition = definition(contract, own);
            own.keySet().forEach(name -> loaders.put(name, definition));
        });
        return loaders;
    }

    private synchronized ContractDefinition definition(String contract, Map<String, byte[]> classes) {
        List<WeakReference<ContractDefinition>> known = definitions.computeIfAbsent(contract, _ -> new ArrayList<>());
        known.removeIf(reference -> reference.get() == null);
        for (WeakReference<ContractDefinition> reference : known) {
            ContractDefinition definition = reference.get();
            if (definition != null && definition.sameAs(classes)) {
                return definition;
            }
        }
        ContractDefinition made = new ContractDefinition(contract, classes, Map.of());
        known.add(new WeakReference<>(made));
        return made;
    }

    /**
     * Groups contract classes by contract: a message record is nested in its interface, so its
     * binary name is the interface's followed by {@code $}. (A class that names itself otherwise
     * forms a group of its own, which no interface can link to: its program fails, no other.)
     */
    static Map<String, Map<String, byte[]>> byContract(Map<String, byte[]> classes) {
        Map<String, Map<String, byte[]>> groups = new TreeMap<>();
        for (var entry : classes.entrySet()) {
            groups.computeIfAbsent(contractOf(entry.getKey(), classes), _ -> new HashMap<>())
                    .put(entry.getKey(), entry.getValue());
        }
        return groups;
    }

    /** The shortest of {@code classes}' names that {@code name} is, or is nested in. */
    private static String contractOf(String name, Map<String, byte[]> classes) {
        for (int dollar = name.indexOf('$'); dollar > 0; dollar = name.indexOf('$', dollar + 1)) {
            String outer = name.substring(0, dollar);
            if (classes.containsKey(outer)) {
                return outer;
            }
        }
        return name;
    }

    /**
     * Makes the embedding application's {@code contract} (and its messages) the classes that
     * every program bringing the very same class files links to, so that the application and
     * the program's SIPs can talk over it.
     */
    public synchronized void share(Class<?> contract) {
        Map<String, byte[]> bytes = new HashMap<>();
        Map<String, Class<?>> classes = new HashMap<>();
        List<Class<?>> types = new ArrayList<>(List.of(contract.getDeclaredClasses()));
        types.add(contract);
        for (Class<?> type : types) {
            bytes.put(type.getName(), classFile(type));
            classes.put(type.getName(), type);
        }
        ContractDefinition definition = new ContractDefinition(contract.getName(), bytes, classes);
        sharedByHost.add(definition);
        // first among its name's definitions, so that a program with these class files finds it
        definitions.computeIfAbsent(contract.getName(), _ -> new ArrayList<>()).addFirst(new WeakReference<>(definition));
    }

    private static byte[] classFile(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class file for " + type.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
