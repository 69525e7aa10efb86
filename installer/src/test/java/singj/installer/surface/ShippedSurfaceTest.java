package singj.installer.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The surface and the table of callbacks the installer ships are the ones this JDK gives, made again from scratch. */
class ShippedSurfaceTest {
    @Test
    void theShippedSurfaceIsTheRunningJdksAndRegeneratingItGivesTheSameFile() {
        String shipped = SurfaceFile.installed();
        assertNotNull(shipped, "no surface for JDK " + Runtime.version().feature()
                + ": run ./singj jdk-surface --out installer/src/main/resources/singj/installer/surface/"
                + JdkSurface.resourceName(Runtime.version().feature()));
        assertTrue(shipped.contains("\njdk " + Runtime.version() + "\n"), () -> "the shipped surface was made for "
                + shipped.lines().filter(l -> l.startsWith("jdk ")).findFirst().orElse("no JDK") + ", not JDK "
                + Runtime.version() + "; regenerate it with ./singj jdk-surface --out (docs/sealing.md)");
        SurfaceFile.Generated generated = SurfaceFile.generate();
        assertEquals(shipped, generated.surface(), "the shipped surface is stale: regenerate it (docs/sealing.md)");
        assertNotNull(SurfaceFile.installedCallbacks(), "the installer has no " + JdkCallbacks.resourceName(Runtime.version().feature()));
        assertEquals(SurfaceFile.installedCallbacks(), generated.callbacks(),
                "the installer's table of JDK callbacks is stale: regenerate it with the surface (docs/sealing.md)");
        String resource = "jdk-" + Runtime.version().feature() + ".unstoppable";
        try (var in = singj.kernel.Kernel.class.getResourceAsStream(resource)) {
            assertNotNull(in, "the kernel has no " + resource);
            assertEquals(generated.unstoppable(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "the kernel's list of JDK methods a thread is never stopped in is stale: regenerate it (docs/sealing.md)");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (var in = singj.abi.runtime.SharedObjects.class.getResourceAsStream("jdk-" + Runtime.version().feature() + ".shared")) {
            assertNotNull(in, "the SIP runtime has no list of shared JDK classes");
            String list = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(SurfaceFile.sharedClasses(shipped), list.lines().filter(l -> !l.startsWith("#"))
                    .map(l -> l + "\n").collect(java.util.stream.Collectors.joining()), "the runtime's list of shared JDK "
                    + "classes is not the surface's: regenerate both (docs/sealing.md)");
            assertTrue(list.contains("java.lang.Runtime\n"), "Runtime.getRuntime() is one object for every SIP");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
