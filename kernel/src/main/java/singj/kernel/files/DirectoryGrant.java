package singj.kernel.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory a starter grants a SIP ({@code singj run --dir HOST:PATH}, {@code --dir-rw}):
 * the SIP sees {@code host}'s tree at {@code mount} and nothing above it.
 *
 * @param host the host directory (resolved when the SIP starts)
 * @param mount where the SIP sees it: an absolute path without {@code .}, {@code ..} or empty components
 * @param writable whether the SIP may create, write and delete in it
 */
public record DirectoryGrant(Path host, String mount, boolean writable) {
    public DirectoryGrant {
        Objects.requireNonNull(host, "host");
        String problem = mountProblem(mount);
        if (problem != null) {
            throw new IllegalArgumentException("mount path '" + mount + "' " + problem);
        }
    }

    /** Reads {@code HOST:PATH} (the last ':' splits them, so a host path may hold one). */
    public static DirectoryGrant parse(String spec, boolean writable) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PATH (e.g. .:/work), not '" + spec + "'");
        }
        return new DirectoryGrant(Path.of(spec.substring(0, colon)), spec.substring(colon + 1), writable);
    }

    /** Why {@code mount} is not a mount path, or null. */
    static String mountProblem(String mount) {
        if (mount == null || !mount.startsWith("/")) {
            return "must be absolute (start with /)";
        }
        if (mount.equals("/")) {
            return null;
        }
        for (String part : mount.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
                return "must not have empty, '.' or '..' components";
            }
        }
        return null;
    }
}
