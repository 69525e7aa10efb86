package singj.abi.runtime.files;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The attributes of a file or directory that has no times: one of SingJ's file system (which
 * keeps none), or a directory that exists only on the way to a mount path. Its times read as the
 * epoch, and it is never a link or a device.
 */
public record TimelessAttributes(boolean isDirectory, long size, Object fileKey) implements BasicFileAttributes {
    /** A directory that exists only because a mount path lies below it. */
    public static final TimelessAttributes PASSAGE = new TimelessAttributes(true, 0, null);

    private static final FileTime EPOCH = FileTime.fromMillis(0);

    @Override public FileTime lastModifiedTime() { return EPOCH; }
    @Override public FileTime lastAccessTime() { return EPOCH; }
    @Override public FileTime creationTime() { return EPOCH; }
    @Override public boolean isRegularFile() { return !isDirectory; }
    @Override public boolean isSymbolicLink() { return false; }
    @Override public boolean isOther() { return false; }
}
