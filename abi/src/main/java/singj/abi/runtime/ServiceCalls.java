package singj.abi.runtime;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A SIP's own {@link ServiceLoader}: the providers its program lists in
 * {@code META-INF/services/<service>} (its jar's and its {@code Class-Path} libraries', merged at
 * install as a fat jar's build merges them), found and instantiated as {@code java -jar} finds
 * class-path providers: the file's syntax and its errors, a public no-arg constructor, the
 * loader's cache of instantiated providers, laziness, {@code reload}. Only classes of the SIP's
 * own program are instantiated: a name of a JDK class is skipped (as {@code java} skips a class
 * in a named module), any other class outside the program is not found, and the JDK's own
 * providers ({@code provides} in the JDK's modules) are never looked at, for a JDK service type
 * too: they are the JVM's, not the SIP's, and a SIP reaches the JDK's services through the JDK's
 * own APIs ({@code Charset.forName}, {@code RandomGenerator.of}).
 *
 * <p>{@code ServiceLoader} is final, so {@code load} hands out a real one that finds nothing by
 * itself ({@code ServiceLoader.load(ModuleLayer.empty(), service)}, made with the caller's own
 * lookup so that the JDK checks the service type's access against the program's class, as under
 * {@code java}), and the SIP's providers are kept beside it: {@code iterator}, {@code stream},
 * {@code findFirst}, {@code reload}, and {@code Iterable}'s {@code forEach} and
 * {@code spliterator} called on a {@code ServiceLoader}, are redirected here. Handed to code that
 * iterates it as a plain {@code Iterable} (a call through the {@code Iterable} type), it is empty.
 */
public final class ServiceCalls {
    private ServiceCalls() {}

    private static final String PREFIX = "META-INF/services/";

    // ---- making a loader ----------------------------------------------------------------------

    @StaticOf(ServiceLoader.class)
    public static <S> ServiceLoader<S> load(Class<S> service, MethodHandles.Lookup caller, SipContext context) {
        return register(service, callerLoader(caller, context), caller, context);
    }

    /** The loader is the SIP's own (what {@code getClassLoader} and the context loader give) or {@code null}, the system loader, also its own. */
    @StaticOf(ServiceLoader.class)
    public static <S> ServiceLoader<S> load(Class<S> service, ClassLoader loader, MethodHandles.Lookup caller,
            SipContext context) {
        if (loader == null) {
            return load(service, caller, context);
        }
        if (!(loader instanceof PrivateClassLoader own) || own.context() != context) {
            throw new SecurityException("ServiceLoader.load with a class loader that is not the SIP's own: a SIP finds "
                    + "only its own program's providers [class-loading]");
        }
        return register(service, own, caller, context);
    }

    /** Under {@code java}, the platform loader's providers, the JDK's own: none of them is the SIP's. */
    @StaticOf(ServiceLoader.class)
    public static <S> ServiceLoader<S> loadInstalled(Class<S> service, MethodHandles.Lookup caller, SipContext context) {
        return register(service, null, caller, context);
    }

    private static <S> ServiceLoader<S> register(Class<S> service, PrivateClassLoader loader, MethodHandles.Lookup caller,
            SipContext context) {
        Objects.requireNonNull(service);
        ServiceLoader<S> handle = emptyAsCaller(caller, service);
        Providers<S> providers = new Providers<>(service, loader, context);
        Map<ServiceLoader<?>, Providers<?>> loaders = loaders(context);
        synchronized (loaders) {
            loaders.put(handle, providers);
        }
        return handle;
    }

    /** {@code ServiceLoader.load(ModuleLayer.empty(), service)} called as the program's class calls it. */
    private static <S> ServiceLoader<S> emptyAsCaller(MethodHandles.Lookup caller, Class<S> service) {
        MethodHandle load;
        try {
            load = caller.findStatic(ServiceLoader.class, "load",
                    MethodType.methodType(ServiceLoader.class, ModuleLayer.class, Class.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDK's ServiceLoader.load(ModuleLayer, Class) is not where it was: " + e, e);
        }
        try {
            @SuppressWarnings("unchecked")
            ServiceLoader<S> made = (ServiceLoader<S>) load.invoke(ModuleLayer.empty(), service);
            return made;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    // ---- using one ----------------------------------------------------------------------------

    public static <S> Iterator<S> iterator(ServiceLoader<S> loader, SipContext context) {
        return providers(loader, context).iterator();
    }

    public static <S> Stream<ServiceLoader.Provider<S>> stream(ServiceLoader<S> loader, SipContext context) {
        return providers(loader, context).stream();
    }

    public static <S> Optional<S> findFirst(ServiceLoader<S> loader, SipContext context) {
        Iterator<S> iterator = iterator(loader, context);
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    public static void reload(ServiceLoader<?> loader, SipContext context) {
        providers(loader, context).reload();
    }

    /** {@code Iterable.forEach} called on a {@code ServiceLoader}. */
    public static <S> void forEach(ServiceLoader<S> loader, Consumer<? super S> action, SipContext context) {
        Objects.requireNonNull(action);
        for (Iterator<S> it = iterator(loader, context); it.hasNext(); ) {
            action.accept(it.next());
        }
    }

    /** {@code Iterable.spliterator} called on a {@code ServiceLoader}. */
    public static <S> Spliterator<S> spliterator(ServiceLoader<S> loader, SipContext context) {
        return Spliterators.spliteratorUnknownSize(iterator(loader, context), 0);
    }

    /** The loaders this SIP made, weakly: a loader the program drops goes with its providers. */
    private static final class Loaders {
        final Map<ServiceLoader<?>, Providers<?>> byLoader = new WeakHashMap<>(); // ServiceLoader keeps identity equality
    }

    private static Map<ServiceLoader<?>, Providers<?>> loaders(SipContext context) {
        return context.service(Loaders.class, Loaders::new).byLoader;
    }

    private static <S> Providers<S> providers(ServiceLoader<S> loader, SipContext context) {
        Map<ServiceLoader<?>, Providers<?>> loaders = loaders(context);
        Providers<?> found;
        synchronized (loaders) {
            found = loaders.get(Objects.requireNonNull(loader));
        }
        if (found == null) { // not made by this SIP's load: it finds nothing, as its JDK object does
            found = new Providers<>(Object.class, null, context);
        }
        @SuppressWarnings("unchecked")
        Providers<S> typed = (Providers<S>) found;
        return typed;
    }

    private static PrivateClassLoader callerLoader(MethodHandles.Lookup caller, SipContext context) {
        if (caller.lookupClass().getClassLoader() instanceof PrivateClassLoader own && own.context() == context) {
            return own;
        }
        throw new SecurityException("ServiceLoader.load called from outside the SIP's program");
    }

    // ---- the providers of one loader, as java's ServiceLoader keeps them ----------------------

    private static final class Providers<S> {
        private final Class<S> service;
        /** The SIP's loader, or null: no providers ({@code loadInstalled}). */
        private final PrivateClassLoader loader;
        private final SipContext context;
        private final List<S> instantiated = new ArrayList<>();
        private final List<ServiceLoader.Provider<S>> loaded = new ArrayList<>();
        private boolean loadedAll;
        private int reloadCount;
        private Lookup forIterator;
        private Lookup forStream;

        Providers(Class<S> service, PrivateClassLoader loader, SipContext context) {
            this.service = service;
            this.loader = loader;
            this.context = context;
        }

        Iterator<S> iterator() {
            if (forIterator == null) {
                forIterator = new Lookup();
            }
            Lookup lookup = forIterator;
            int expected = reloadCount;
            return new Iterator<>() {
                int index;

                @Override
                public boolean hasNext() {
                    check();
                    return index < instantiated.size() || lookup.hasNext();
                }

                @Override
                public S next() {
                    check();
                    S next;
                    if (index < instantiated.size()) {
                        next = instantiated.get(index);
                    } else {
                        next = lookup.next().get();
                        instantiated.add(next);
                    }
                    index++;
                    return next;
                }

                private void check() {
                    if (reloadCount != expected) {
                        throw new ConcurrentModificationException();
                    }
                }
            };
        }

        Stream<ServiceLoader.Provider<S>> stream() {
            if (loadedAll) {
                return loaded.stream();
            }
            if (forStream == null) {
                forStream = new Lookup();
            }
            Lookup lookup = forStream;
            int expected = reloadCount;
            Spliterator<ServiceLoader.Provider<S>> source = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                    Spliterator.ORDERED) {
                int index;

                @Override
                public boolean tryAdvance(Consumer<? super ServiceLoader.Provider<S>> action) {
                    if (reloadCount != expected) {
                        throw new ConcurrentModificationException();
                    }
                    ServiceLoader.Provider<S> next = null;
                    if (index < loaded.size()) {
                        next = loaded.get(index++);
                    } else if (lookup.hasNext()) {
                        next = lookup.next();
                        loaded.add(next);
                        index++;
                    } else {
                        loadedAll = true;
                    }
                    if (next == null) {
                        return false;
                    }
                    action.accept(next);
                    return true;
                }
            };
            return StreamSupport.stream(source, false);
        }

        void reload() {
            forIterator = null;
            instantiated.clear();
            forStream = null;
            loaded.clear();
            loadedAll = false;
            reloadCount++;
        }

        private ServiceConfigurationError fail(String message, Throwable cause) {
            return new ServiceConfigurationError(service.getName() + ": " + message, cause);
        }

        private ServiceConfigurationError fail(String message) {
            return new ServiceConfigurationError(service.getName() + ": " + message);
        }

        /**
         * The lazy walk over the service's configuration file, one provider class at a time: an
         * error is thrown by the {@code next} it concerns, and the walk goes on after it.
         */
        private final class Lookup {
            private Iterator<String> names;
            private ServiceLoader.Provider<S> nextProvider;
            private ServiceConfigurationError nextError;

            boolean hasNext() {
                while (nextProvider == null && nextError == null) {
                    try {
                        if (names == null) {
                            names = parse().iterator();
                        }
                        if (!names.hasNext()) {
                            return false;
                        }
                        nextProvider = provider(names.next());
                    } catch (ServiceConfigurationError e) {
                        nextError = e;
                    }
                }
                return true;
            }

            ServiceLoader.Provider<S> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ServiceLoader.Provider<S> provider = nextProvider;
                if (provider != null) {
                    nextProvider = null;
                    return provider;
                }
                ServiceConfigurationError error = nextError;
                nextError = null;
                throw error;
            }
        }

        /** The provider names of the configuration file, in order, each once; the file's syntax as {@code java} reads it. */
        private Set<String> parse() {
            byte[] file = loader == null ? null : loader.resource(PREFIX + service.getName());
            if (file == null) {
                return Set.of();
            }
            Set<String> names = new LinkedHashSet<>();
            String where = ResourceCalls.SCHEME + ":/" + PREFIX + service.getName();
            try (var reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file),
                    StandardCharsets.UTF_8))) {
                int number = 1;
                for (String line; (line = reader.readLine()) != null; number++) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
                        throw fail(where + ":" + number + ": Illegal configuration-file syntax");
                    }
                    if (!isClassName(name)) {
                        throw fail(where + ":" + number + ": Illegal provider-class name: " + name);
                    }
                    names.add(name);
                }
            } catch (IOException impossible) { // read from memory
                throw fail("Error accessing configuration file", impossible);
            }
            return names;
        }

        private ServiceLoader.Provider<S> provider(String name) {
            Class<?> type;
            try {
                type = Class.forName(name, false, (ClassLoader) loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw fail("Provider " + name + " not found");
            }
            if (type.getModule().isNamed()) {
                return null; // the JDK's: java skips a class of a named module listed in a configuration file
            }
            if (!ReflectionCalls.own(type, context)) {
                throw fail("Provider " + name + " not found (a SIP's providers are classes of its own program)");
            }
            if (!service.isAssignableFrom(type)) {
                throw fail(type.getName() + " not a subtype");
            }
            if (Thread.class.isAssignableFrom(type) || ExecutorService.class.isAssignableFrom(type)) {
                throw fail("Provider " + name + " could not be instantiated", new SecurityException(
                        "a SIP's threads and executors are made with new, where the installer hands them to the SIP's "
                                + "kernel [threads]"));
            }
            Constructor<?> constructor;
            try {
                constructor = type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw fail(name + " Unable to get public no-arg constructor", e);
            }
            @SuppressWarnings("unchecked")
            Class<? extends S> provided = (Class<? extends S>) type;
            return new OwnProvider<>(this, provided, constructor);
        }

        private S instantiate(Constructor<?> constructor) {
            try {
                return service.cast(constructor.newInstance());
            } catch (InvocationTargetException e) {
                throw fail("Provider " + constructor.getDeclaringClass().getName() + " could not be instantiated",
                        e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw fail("Provider " + constructor.getDeclaringClass().getName() + " could not be instantiated", e);
            }
        }
    }

    /** A provider class of the program, instantiated by {@link #get}. */
    private static final class OwnProvider<S> implements ServiceLoader.Provider<S> {
        private final Providers<S> providers;
        private final Class<? extends S> type;
        private final Constructor<?> constructor;

        OwnProvider(Providers<S> providers, Class<? extends S> type, Constructor<?> constructor) {
            this.providers = providers;
            this.type = type;
            this.constructor = constructor;
        }

        @Override
        public Class<? extends S> type() {
            return type;
        }

        @Override
        public S get() {
            return providers.instantiate(constructor);
        }

        @Override
        public int hashCode() {
            return Objects.hash(providers.service, type);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OwnProvider<?> that && providers.service == that.providers.service && type == that.type;
        }
    }

    /** A binary class name as a configuration file may hold one: a Java identifier start, then identifier parts and dots. */
    private static boolean isClassName(String name) {
        int first = name.codePointAt(0);
        if (!Character.isJavaIdentifierStart(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!Character.isJavaIdentifierPart(cp) && cp != '.') {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
