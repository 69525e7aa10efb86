// expect [shared-monitor] java.io.Writer.<init>(Ljava/lang/Object;)V reaches a lock
// expect [shared-monitor] java.io.Reader.<init>(Ljava/lang/Object;)V reaches a lock
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.text.Collator;

/**
 * Makes the JDK hold the monitor of a class every SIP shares while this SIP's own code runs:
 * Writer and Reader lock the object they are given around every call of write and read.
 */
public class LockOnSharedObjectThroughTheJdk {
    public static void main(String[] args) throws IOException {
        Writer stuck = new Writer(Collator.class) {
            @Override public void write(char[] buffer, int offset, int length) {
                while (true) { } // holds Collator.class: every Collator.getInstance() in the JVM waits
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Reader also = new Reader("interned") {
            @Override public int read(char[] buffer, int offset, int length) {
                while (true) { }
            }
            @Override public void close() { }
        };
        stuck.write("x");
        also.read();
    }
}
