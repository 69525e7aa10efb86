package singj.abi.runtime.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A SIP's namespace with both backends: the host directories its starter granted ({@code host},
 * the kernel's grants at {@code hostMounts}) and one directory of the file system SIP
 * ({@code fs}, at its mount path). Each path goes to the backend whose mount covers it most deeply,
 * so a host grant inside the file system's directory is seen at its own path; the directories
 * above the file system's mount exist only to lead to it, as those above a host grant do.
 *
 * <p>The working directory is the first host grant's if the starter gave any (what it named
 * first), else the file system directory's.
 */
public final class MountedFiles implements SipFiles {
    private final SipFiles host;
    private final List<String> hostMounts;
    private final FsDirectoryFiles fs;

    public MountedFiles(SipFiles host, List<String> hostMounts, FsDirectoryFiles fs) {
        if (hostMounts.contains(fs.mount())) {
            throw new IllegalArgumentException("two directories granted at " + fs.mount());
        }
        this.host = host;
        this.hostMounts = List.copyOf(hostMounts);
        this.fs = fs;
    }

    @Override
    public String workingDirectory() {
        return hostMounts.isEmpty() ? fs.mount() : host.workingDirectory();
    }

    /** Whether {@code path} is the file system's: it covers it, and no host grant lies deeper on its way. */
    private boolean onFs(String path) {
        if (!fs.covers(path)) {
            return false;
        }
        for (String mount : hostMounts) {
            boolean hostCovers = mount.equals("/") || path.equals(mount) || path.startsWith(mount + "/");
            if (hostCovers && mount.length() > fs.mount().length()) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code path} is a directory above the file system's mount that no host grant covers. */
    private boolean aboveFs(String path) {
        boolean above = path.equals("/") ? !fs.mount().equals("/") : fs.mount().startsWith(path + "/");
        if (!above) {
            return false;
        }
        for (String mount : hostMounts) {
            if (mount.equals("/") || path.equals(mount) || path.startsWith(mount + "/")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public SeekableByteChannel open(String path, String shown, Set<? extends OpenOption> options) throws IOException {
        if (onFs(path)) {
            return fs.open(path, shown, options);
        }
        if (aboveFs(path)) {
            throw new FileSystemException(shown, null, "Is a directory");
        }
        return host.open(path, shown, options);
    }

    @Override
    public BasicFileAttributes attributes(String path, String shown) throws IOException {
        if (onFs(path)) {
            return fs.attributes(path, shown);
        }
        if (aboveFs(path)) {
            return TimelessAttributes.PASSAGE; // it exists only because the file system's directory lies below it
        }
        return host.attributes(path, shown);
    }

    @Override
    public List<String> list(String path, String shown) throws IOException {
        if (onFs(path)) {
            return fs.list(path, shown);
        }
        if (aboveFs(path)) {
            Set<String> names = new TreeSet<>();
            try {
                names.addAll(host.list(path, shown)); // host grants below it too
            } catch (NoSuchFileException none) {
                // no host grant lies below it
            }
            String rest = fs.mount().substring(path.equals("/") ? 1 : path.length() + 1);
            int slash = rest.indexOf('/');
            names.add(slash < 0 ? rest : rest.substring(0, slash));
            return List.copyOf(names);
        }
        return host.list(path, shown);
    }

    @Override
    public void createDirectory(String path, String shown) throws IOException {
        if (onFs(path)) {
            fs.createDirectory(path, shown);
        } else if (aboveFs(path)) {
            throw new FileAlreadyExistsException(shown);
        } else {
            host.createDirectory(path, shown);
        }
    }

    @Override
    public void delete(String path, String shown) throws IOException {
        if (onFs(path)) {
            fs.delete(path, shown);
        } else if (aboveFs(path)) {
            throw new AccessDeniedException(shown, null, "a directory above the granted ones is not deleted");
        } else {
            host.delete(path, shown);
        }
    }

    @Override
    public boolean writable(String path) {
        if (onFs(path)) {
            return fs.writable(path);
        }
        return !aboveFs(path) && host.writable(path);
    }
}
