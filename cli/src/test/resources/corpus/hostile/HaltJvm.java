// expect [jvm-global-state] java.lang.Runtime.halt
public class HaltJvm {
    public static void main(String[] args) {
        Runtime.getRuntime().halt(0);
    }
}
