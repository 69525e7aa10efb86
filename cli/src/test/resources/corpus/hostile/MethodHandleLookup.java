// expect [method-handles] java.lang.invoke.MethodHandles.lookup
import java.lang.invoke.MethodHandles;

public class MethodHandleLookup {
    public static void main(String[] args) {
        System.out.println(MethodHandles.lookup());
    }
}
