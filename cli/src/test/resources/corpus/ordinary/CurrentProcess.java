import java.util.List;

/** ProcessHandle.current(): what a program asks of its own process answers as under java (the pid is the SIP's). */
public class CurrentProcess {
    public static void main(String[] args) {
        ProcessHandle self = ProcessHandle.current();
        System.out.println("pid is positive: " + (self.pid() > 0));
        System.out.println("alive: " + self.isAlive());
        System.out.println("same as itself: " + self.equals(ProcessHandle.current()) + " " + self.compareTo(ProcessHandle.current())
                + " " + (self.hashCode() == ProcessHandle.current().hashCode()));
        System.out.println("named by its pid: " + self.toString().equals(Long.toString(self.pid())));
        System.out.println("in a list: " + List.of(self).contains(ProcessHandle.current()));
        try {
            self.destroy();
        } catch (IllegalStateException e) {
            System.out.println("destroy: " + e.getMessage());
        }
        try {
            self.onExit();
        } catch (IllegalStateException e) {
            System.out.println("onExit: " + e.getMessage());
        }
    }
}
