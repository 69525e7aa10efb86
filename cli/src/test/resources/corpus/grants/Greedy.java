import java.util.ArrayList;
import java.util.List;
import singj.abi.NameServiceException;
import singj.abi.ProcessControl;
import singj.abi.QuotaExceededException;
import singj.abi.Sip;

/**
 * A child that asks for everything: tries the process manager, then makes threads until stopped;
 * then holds them until its standard input ends, so that its parent sees it running.
 */
public class Greedy {
    public static void main(String[] args) throws Exception {
        try {
            Sip.open(String.join("", "/kernel", "/processes"), ProcessControl.class);
            System.out.println("greedy: opened the process manager");
        } catch (NameServiceException denied) {
            System.out.println("greedy: denied " + denied.getMessage());
        }
        List<Thread> threads = new ArrayList<>();
        try {
            while (threads.size() < 100_000) {
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        // ended below
                    }
                });
                t.start();
                threads.add(t);
            }
        } catch (QuotaExceededException e) {
            System.out.println("greedy: stopped at " + e.quota() + " " + e.limit());
        }
        while (System.in.read() >= 0) { }
        threads.forEach(Thread::interrupt);
    }
}
