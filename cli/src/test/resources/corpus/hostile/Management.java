// expect [management] java.lang.management.ManagementFactory
import java.lang.management.ManagementFactory;

public class Management {
    public static void main(String[] args) {
        System.out.println(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
