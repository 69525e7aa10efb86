package singj.fs;

/** The disk does not hold a file system this code can mount: the message names what and where. */
public class DamagedException extends Exception {
    public DamagedException(String message) {
        super(message);
    }
}
