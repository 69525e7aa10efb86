package singj.abi.runtime.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * A SIP's file namespace: the directories its starter granted, each seen at its mount path
 * ({@code singj run --dir HOST:PATH}). Implemented by the kernel, which does every check (which
 * grant, read-only or not, no link followed, no file that is not a regular file or a directory);
 * the SIP's {@link FileCalls} and the {@code Sip*} stream classes only map the JDK's file APIs
 * onto it.
 *
 * <p>Every {@code path} is absolute and normalized ({@link FileCalls#absolute}: no {@code .},
 * {@code ..} or empty component); {@code shown} is the path as the program wrote it, which every
 * exception names, as the JDK's do.
 */
public interface SipFiles {
    /** The working directory relative paths are resolved against: an absolute path in the namespace. */
    String workingDirectory();

    /** Opens a regular file (the options of {@code Files.newByteChannel}); never follows a link. */
    SeekableByteChannel open(String path, String shown, Set<? extends OpenOption> options) throws IOException;

    /** The attributes of {@code path} itself (a link is reported as a link, never followed). */
    BasicFileAttributes attributes(String path, String shown) throws IOException;

    /** The names in the directory {@code path}, in the host's order. */
    List<String> list(String path, String shown) throws IOException;

    void createDirectory(String path, String shown) throws IOException;

    /** Deletes a file or an empty directory. */
    void delete(String path, String shown) throws IOException;

    /** Whether {@code path} lies in a grant the SIP may write. */
    boolean writable(String path);

    /** The namespace of a SIP that was granted no directory: every path is missing but the root. */
    SipFiles NONE = new SipFiles() {
        @Override
        public String workingDirectory() {
            return "/";
        }

        @Override
        public SeekableByteChannel open(String path, String shown, Set<? extends OpenOption> options) throws IOException {
            throw missing(shown);
        }

        @Override
        public BasicFileAttributes attributes(String path, String shown) throws IOException {
            throw missing(shown);
        }

        @Override
        public List<String> list(String path, String shown) throws IOException {
            throw missing(shown);
        }

        @Override
        public void createDirectory(String path, String shown) throws IOException {
            throw missing(shown);
        }

        @Override
        public void delete(String path, String shown) throws IOException {
            throw missing(shown);
        }

        @Override
        public boolean writable(String path) {
            return false;
        }

        private static NoSuchFileException missing(String shown) {
            return new NoSuchFileException(shown, null, "no directory was granted to this SIP (singj run --dir HOST:PATH)");
        }
    };
}
