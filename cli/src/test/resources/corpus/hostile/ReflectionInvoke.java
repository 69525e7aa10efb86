// expect [reflection] java.lang.reflect.Method.invoke
import java.lang.reflect.Method;

public class ReflectionInvoke {
    public static void main(String[] args) throws Exception {
        Method exit = Runtime.class.getMethod("halt", int.class);
        exit.invoke(Runtime.getRuntime(), 0);
    }
}
