import java.util.ArrayList;
import java.util.List;
import singj.abi.Channel;
import singj.abi.NameServiceException;
import singj.abi.QuotaExceededException;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * Takes one kernel resource in a loop until the kernel stops it (args[0]: threads, channels, names
 * or accepts), prints where and why, then proves it still runs and keeps what it took until it is
 * killed.
 */
public class Hog {
    @singj.abi.Contract({"READY client: Hi -> DONE", "DONE"})
    public interface Talk {
        record Hi() implements singj.abi.Message {}
    }

    public static void main(String[] args) throws Exception {
        List<Object> held = new ArrayList<>();
        String why;
        try {
            while (true) {
                switch (args[0]) {
                    case "threads" -> {
                        Thread t = new Thread(Hog::sleepForever);
                        t.start();
                        held.add(t);
                    }
                    case "channels" -> held.add(Sip.newChannel(Talk.class));
                    case "names" -> held.add(Sip.register("/hog/" + held.size(), Talk.class));
                    case "accepts" -> {
                        if (held.isEmpty()) {
                            held.add(Sip.register("/hog/accepts", Talk.class));
                        }
                        held.add(new singj.abi.Owned<>(Sip.open("/hog/accepts", Talk.class))); // never accepted
                    }
                    default -> throw new IllegalArgumentException(args[0]);
                }
            }
        } catch (QuotaExceededException e) {
            why = "quota " + e.quota() + " " + e.limit() + ": " + e.getMessage();
        } catch (NameServiceException e) {
            why = "name service: " + e.getMessage();
        }
        System.out.println("stopped after " + held.size() + " " + args[0] + ", " + why);
        System.out.println("still running: " + (Sip.pid() > 0));
        System.out.flush();
        sleepForever();
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            // killed
        }
    }
}
