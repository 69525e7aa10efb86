import java.util.concurrent.RecursiveTask;

/** Runaway: join() on a fork-join task nobody forked (join ignores interrupts), catching whatever it throws. */
public class JoinNeverForkedTask {
    public static void main(String[] args) {
        RecursiveTask<String> never = new RecursiveTask<>() {
            @Override
            protected String compute() {
                return "never computed";
            }
        };
        System.out.println("running");
        while (true) {
            try {
                never.join();
            } catch (Throwable caught) {
                // join again
            }
        }
    }
}
