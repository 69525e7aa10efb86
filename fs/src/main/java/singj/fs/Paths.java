package singj.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths relative to a directory: names separated by {@code /}. Nothing here can name a place
 * outside the directory: an absolute path, an empty component, {@code .} and {@code ..} are
 * refused before any lookup.
 */
public final class Paths {
    private Paths() {}

    /** The path's components; "" is the directory itself (no components). */
    public static List<String> split(String path) {
        if (path == null) {
            throw new FsException("bad-path", "no path");
        }
        List<String> names = new ArrayList<>();
        if (path.isEmpty()) {
            return names;
        }
        if (path.startsWith("/")) {
            throw new FsException("bad-path", "'" + DirEntry.printable(path)
                    + "' is absolute: paths are relative to the directory they are asked of");
        }
        if (path.length() > 4096) {
            throw new FsException("bad-path", "a path of " + path.length() + " characters is too long (at most 4096)");
        }
        for (String name : path.split("/", -1)) {
            String problem = DirEntry.nameProblem(name);
            if (problem != null) {
                throw new FsException("bad-path", "path '" + DirEntry.printable(path) + "': " + problem);
            }
            names.add(name);
        }
        return names;
    }
}
