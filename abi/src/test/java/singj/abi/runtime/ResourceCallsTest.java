package singj.abi.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The URL rule of a SIP's resources, from the attacker's side: only {@code singj-resource:} URLs
 * open, they read only their own SIP's table, and nothing outside the SIP can make one.
 */
class ResourceCallsTest {
    private static SipContext context() {
        return (SipContext) Proxy.newProxyInstance(SipContext.class.getClassLoader(), new Class<?>[] {SipContext.class},
                (proxy, method, args) -> method.getName().equals("equals") ? proxy == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : null);
    }

    /** A SIP's loader as ResourceCalls sees it: a context and a table of resources. */
    private static final class Loader extends ClassLoader implements PrivateClassLoader {
        private final SipContext context;
        private final Map<String, byte[]> resources;

        Loader(SipContext context, Map<String, byte[]> resources) {
            super(null);
            this.context = context;
            this.resources = resources;
        }

        @Override
        public SipContext context() {
            return context;
        }

        @Override
        public byte[] resource(String name) {
            return resources.get(name);
        }
    }

    private final SipContext mine = context();
    private final Loader loader = new Loader(mine, Map.of("data/a.txt", "alpha".getBytes(StandardCharsets.UTF_8),
            "data/b.txt", "beta".getBytes(StandardCharsets.UTF_8)));

    @Test
    void aResourceUrlOpensItsOwnBytesAndResolvesOnlyWithinTheTable() throws Exception {
        URL url = ResourceCalls.getResource(loader, "data/a.txt", mine);
        assertNotNull(url);
        assertEquals(ResourceCalls.SCHEME, url.getProtocol());
        try (InputStream in = ResourceCalls.openStream(url, mine)) {
            assertArrayEquals("alpha".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        // resolved against it, the handler comes along: other names of the same table, and nothing else
        try (InputStream in = ResourceCalls.openStream(new URL(url, "b.txt"), mine)) {
            assertEquals("beta", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThrows(FileNotFoundException.class, () -> ResourceCalls.openStream(new URL(url, "../../../../etc/passwd"), mine));
        assertThrows(FileNotFoundException.class, () -> ResourceCalls.openStream(new URL(url, "/etc/passwd"), mine));
        assertThrows(SecurityException.class, () -> ResourceCalls.openStream(new URL(url, "file:/etc/passwd"), mine));
    }

    @Test
    void everyOtherSchemeIsRefusedBeforeAnythingIsRead() throws Exception {
        for (String other : new String[] {"file:/etc/passwd", "jar:file:/etc/passwd!/x", "http://192.0.2.1/",
                "ftp://192.0.2.1/x"}) {
            URL url = URI.create(other).toURL();
            SecurityException refused = assertThrows(SecurityException.class, () -> ResourceCalls.openStream(url, mine));
            assertEquals(true, refused.getMessage().contains("[host-io]"), refused.getMessage());
        }
    }

    @Test
    void noOneElseCanMakeAResourceUrl() {
        // no handler of the scheme is registered with the JVM: only ResourceCalls, with its handler, makes one
        assertThrows(MalformedURLException.class, () -> URI.create(ResourceCalls.SCHEME + ":/data/a.txt").toURL());
    }

    @Test
    void anotherSipsLoaderAndNamesOutsideTheTableFindNothing() {
        SipContext other = context();
        assertNull(ResourceCalls.getResource(loader, "data/a.txt", other));
        assertNull(ResourceCalls.getResourceAsStream(loader, "data/a.txt", other));
        assertNull(ResourceCalls.getResourceAsStream(loader, "data/../data/a.txt", mine));
        assertNull(ResourceCalls.getResourceAsStream(loader, "/data/a.txt", mine));
        assertNull(ResourceCalls.getResourceAsStream(ClassLoader.getPlatformClassLoader(), "java/lang/Object.class", mine));
        assertNull(ResourceCalls.getResourceAsStream(String.class, "/java/lang/String.class", mine));
        assertNull(ResourceCalls.getClassLoader(String.class, mine));
    }
}
