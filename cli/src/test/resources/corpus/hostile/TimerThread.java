// expect [threads] java.util.Timer
import java.util.Timer;
import java.util.TimerTask;

public class TimerThread {
    public static void main(String[] args) {
        new Timer().schedule(new TimerTask() {
            @Override
            public void run() {
                System.out.println("on a thread the kernel cannot see");
            }
        }, 10);
    }
}
