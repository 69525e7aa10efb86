// expect [jvm-global-state] java.lang.Runtime.addShutdownHook
public class ShutdownHook {
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("outlived my SIP")));
    }
}
