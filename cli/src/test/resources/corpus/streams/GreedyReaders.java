import java.io.IOException;

/** Hostile: reads standard input from several threads at once, never stops, and swallows every error. */
public class GreedyReaders {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 4; i++) {
            Thread.ofPlatform().start(GreedyReaders::readForever);
        }
        readForever();
    }

    private static void readForever() {
        byte[] buffer = new byte[1 + (int) (Thread.currentThread().threadId() % 3) * 40_000];
        while (true) {
            try {
                if (System.in.read(buffer) > 0) {
                    System.out.write(buffer, 0, 1);
                }
                System.in.available();
            } catch (IOException ignored) {
                // read again
            }
        }
    }
}
