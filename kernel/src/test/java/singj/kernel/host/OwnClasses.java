package singj.kernel.host;

import java.io.IOException;
import java.io.InputStream;

/**
 * A SIP's classes as a census sees them: {@link CensusHoard} defined again by a loader of its own,
 * so that its static is this "SIP"'s alone.
 */
final class OwnClasses extends ClassLoader {
    private final Class<?> hoard;

    OwnClasses() {
        super(OwnClasses.class.getClassLoader());
        String name = CensusHoard.class.getName();
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            hoard = defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes {@code object} reachable from this SIP's static only. */
    void hold(Object object) {
        try {
            hoard.getField("held").set(null, object);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
