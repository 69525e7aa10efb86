package singj.kernel.files;

import java.util.Objects;
import singj.abi.Endpoint;

/**
 * A directory of the file system SIP that a starter hands a SIP (the shell's current directory,
 * for {@code run}): the client end of a {@code Directory} channel, which moves to the new SIP, seen
 * there at {@code mount}. The endpoint is the capability: the SIP reaches that directory's subtree
 * and nothing above it, whatever path it writes.
 *
 * @param directory the client end of a {@link singj.abi.Directory} channel
 * @param mount where the SIP sees it: an absolute path without {@code .}, {@code ..} or empty components
 * @param writable whether its file APIs may create, write and delete there
 */
public record FsGrant(Endpoint<?> directory, String mount, boolean writable) {
    public FsGrant {
        Objects.requireNonNull(directory, "directory");
        String problem = DirectoryGrant.mountProblem(mount);
        if (problem != null) {
            throw new IllegalArgumentException("mount path '" + mount + "' " + problem);
        }
    }
}
