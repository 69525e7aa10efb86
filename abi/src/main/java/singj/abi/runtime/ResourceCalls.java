package singj.abi.runtime;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.stream.Stream;

/**
 * The resources of a SIP's own program: the files of its jar and of the libraries on its
 * {@code Class-Path} other than classes, carried into the sealed program at install. They are
 * all that {@code getResource}, {@code getResourceAsStream} and {@code ResourceBundle.getBundle}
 * read: a name is looked up in that table and nowhere else, so {@code ../}, an absolute name, the
 * JDK's own resources or another program's find nothing, as a name missing from the jar does
 * under {@code java} ({@code null}, {@code MissingResourceException}).
 *
 * <p>A resource's {@link URL} has the scheme {@value #SCHEME} ({@code singj-resource:/data/words.txt})
 * and a handler of the SIP's loader, which reads that loader's table and nothing else; no handler
 * for the scheme is registered with the JVM, so no one else can make such a URL. Opening a URL
 * ({@code openStream}) is redirected here and refused for any other scheme: a {@code file:} or
 * {@code jar:file:} URL would open host files. Resolving a spec against such a URL
 * ({@code new URL(url, "other.txt")}) keeps the handler, so it finds only the same program's
 * resources.
 *
 * <p>A class's own resources are found from the class ({@code Class.getResource}, relative to its
 * package as under {@code java}) or from the class loader that {@code getClassLoader()} gives for
 * the program's classes, which is also the SIP's system and context class loader. Every other
 * class's loader is {@code null}, the JDK's bootstrap loader, which finds nothing here.
 */
public final class ResourceCalls {
    private ResourceCalls() {}

    /** The scheme of a resource's URL; only URLs of this scheme open, and only the program's resources. */
    public static final String SCHEME = "singj-resource";

    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    // ---- Class -------------------------------------------------------------------------------

    public static InputStream getResourceAsStream(Class<?> type, String name, SipContext context) {
        return open(loaderOf(type, context), absolute(type, name));
    }

    public static URL getResource(Class<?> type, String name, SipContext context) {
        return url(loaderOf(type, context), absolute(type, name));
    }

    /** The SIP's loader for its program's classes; {@code null} (the bootstrap loader) for any other class. */
    public static ClassLoader getClassLoader(Class<?> type, SipContext context) {
        PrivateClassLoader loader = loaderOf(type, context);
        return loader == null ? null : (ClassLoader) loader;
    }

    // ---- ClassLoader -------------------------------------------------------------------------

    public static InputStream getResourceAsStream(ClassLoader loader, String name, SipContext context) {
        return open(own(loader, context), name);
    }

    public static URL getResource(ClassLoader loader, String name, SipContext context) {
        return url(own(loader, context), name);
    }

    public static Enumeration<URL> getResources(ClassLoader loader, String name, SipContext context) {
        URL found = url(own(loader, context), name);
        return Collections.enumeration(found == null ? List.of() : List.of(found));
    }

    public static Stream<URL> resources(ClassLoader loader, String name, SipContext context) {
        URL found = url(own(loader, context), name);
        return found == null ? Stream.empty() : Stream.of(found);
    }

    @StaticOf(ClassLoader.class)
    public static InputStream getSystemResourceAsStream(String name, SipContext context) {
        return open(caller(context), name);
    }

    @StaticOf(ClassLoader.class)
    public static URL getSystemResource(String name, SipContext context) {
        return url(caller(context), name);
    }

    /** Under {@code java -jar}, the system class loader is the one that loaded the program. */
    @StaticOf(ClassLoader.class)
    public static ClassLoader getSystemClassLoader(SipContext context) {
        return (ClassLoader) caller(context);
    }

    /** Every thread a SIP can name is its own, and their context is its program's loader. */
    public static ClassLoader getContextClassLoader(Thread thread, SipContext context) {
        return (ClassLoader) caller(context);
    }

    // ---- URL ---------------------------------------------------------------------------------

    /**
     * Opens a resource's URL; any other is refused. The scheme decides, and then the connection
     * must be the SIP's own kind: only a URL made here carries a handler that makes one.
     */
    public static InputStream openStream(URL url, SipContext context) throws IOException {
        if (SCHEME.equals(url.getProtocol()) && url.openConnection() instanceof Connection own) {
            return own.getInputStream();
        }
        throw new SecurityException("URL.openStream of " + url.getProtocol() + ": a SIP opens only the URLs of its "
                + "own program's resources (" + SCHEME + ":, from getResource); host files and the network are "
                + "not reachable [host-io]");
    }

    // ---- ResourceBundle ----------------------------------------------------------------------

    @StaticOf(ResourceBundle.class)
    public static ResourceBundle getBundle(String baseName, SipContext context) {
        return getBundle(baseName, Locale.getDefault(), context);
    }

    /**
     * The JDK's own search (candidate locales, fallback to the default locale, parent chains),
     * with bundles found only among the program's classes and resources, and never kept in the
     * JDK's cache, which every caller in the JVM shares.
     */
    @StaticOf(ResourceBundle.class)
    public static ResourceBundle getBundle(String baseName, Locale locale, SipContext context) {
        return ResourceBundle.getBundle(baseName, locale, (ClassLoader) caller(context), new OwnBundles(context));
    }

    private static final class OwnBundles extends ResourceBundle.Control {
        private final SipContext context;

        OwnBundles(SipContext context) {
            this.context = context;
        }

        @Override
        public ResourceBundle newBundle(String baseName, Locale locale, String format, ClassLoader loader,
                boolean reload) throws IllegalAccessException, InstantiationException, IOException {
            String bundleName = toBundleName(baseName, locale);
            if (format.equals("java.class")) {
                Class<?> type;
                try {
                    type = Class.forName(bundleName, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
                if (!ReflectionCalls.own(type, context) || !ResourceBundle.class.isAssignableFrom(type)) {
                    return null; // the JDK's own bundles are not the program's
                }
                if (!Modifier.isPublic(type.getModifiers())) {
                    throw new IllegalAccessException(type.getName() + " is not public, so it cannot be a resource bundle");
                }
                try {
                    return (ResourceBundle) type.getConstructor().newInstance();
                } catch (NoSuchMethodException e) {
                    throw new InstantiationException(type.getName() + " has no public constructor without parameters");
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException unchecked) {
                        throw unchecked;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new InstantiationException(e.getCause().toString());
                }
            }
            InputStream in = open(loader instanceof PrivateClassLoader own ? own : null,
                    toResourceName(bundleName, "properties"));
            return in == null ? null : new PropertyResourceBundle(in);
        }

        @Override
        public long getTimeToLive(String baseName, Locale locale) {
            return TTL_DONT_CACHE;
        }
    }

    // ---- the table ---------------------------------------------------------------------------

    /** The loader of {@code type} if it is one of the SIP's program classes. */
    private static PrivateClassLoader loaderOf(Class<?> type, SipContext context) {
        return ReflectionCalls.own(type, context) ? (PrivateClassLoader) type.getClassLoader() : null;
    }

    /** {@code loader} if it is this SIP's: any other finds nothing. */
    private static PrivateClassLoader own(ClassLoader loader, SipContext context) {
        return loader instanceof PrivateClassLoader own && own.context() == context ? own : null;
    }

    /** The loader of the program's code that called the redirect (the first frame outside this class). */
    private static PrivateClassLoader caller(SipContext context) {
        Class<?> caller = CALLER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type.getNestHost() != ResourceCalls.class).findFirst()).orElseThrow();
        PrivateClassLoader own = own(caller.getClassLoader(), context);
        if (own == null) {
            throw new SecurityException("a SIP's class loader asked for from outside its program");
        }
        return own;
    }

    /** What {@code Class.getResource} makes of a name: relative to the class's package unless it starts with '/'. */
    private static String absolute(Class<?> type, String name) {
        if (name.startsWith("/")) {
            return name.substring(1);
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String pkg = type.getPackageName();
        return pkg.isEmpty() ? name : pkg.replace('.', '/') + "/" + name;
    }

    private static InputStream open(PrivateClassLoader loader, String name) {
        byte[] bytes = loader == null ? null : loader.resource(name);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    private static URL url(PrivateClassLoader loader, String name) {
        if (loader == null || loader.resource(name) == null) {
            return null;
        }
        try {
            return URL.of(new URI(SCHEME, null, "/" + name, null), new Handler(loader));
        } catch (URISyntaxException | MalformedURLException e) {
            return null; // a name no URL can carry: not found, as a name the jar cannot hold
        }
    }

    /** Opens URLs of one SIP's resources, by the path of the URL; nothing else. */
    private static final class Handler extends URLStreamHandler {
        private final PrivateClassLoader loader;

        Handler(PrivateClassLoader loader) {
            this.loader = loader;
        }

        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            String path;
            try {
                path = url.toURI().getPath();
            } catch (URISyntaxException e) {
                throw new FileNotFoundException(url.toExternalForm());
            }
            byte[] bytes = path != null && path.startsWith("/") ? loader.resource(path.substring(1)) : null;
            if (bytes == null) {
                throw new FileNotFoundException(url.toExternalForm() + " (not a resource of this program)");
            }
            return new Connection(url, bytes);
        }

        /** Equal when their text is: the base class would look the host up. */
        @Override
        protected boolean equals(URL one, URL other) {
            return one.toExternalForm().equals(other.toExternalForm());
        }

        @Override
        protected int hashCode(URL url) {
            return url.toExternalForm().hashCode();
        }

        @Override
        protected boolean hostsEqual(URL one, URL other) {
            return java.util.Objects.equals(one.getHost(), other.getHost());
        }

        @Override
        protected synchronized java.net.InetAddress getHostAddress(URL url) {
            return null;
        }
    }

    private static final class Connection extends URLConnection {
        private final byte[] bytes;

        Connection(URL url, byte[] bytes) {
            super(url);
            this.bytes = bytes;
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public InputStream getInputStream() {
            connected = true;
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }
    }
}
