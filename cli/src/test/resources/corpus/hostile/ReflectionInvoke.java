import java.lang.reflect.Method;

// expect [reflection] java.lang.Class.getEnclosingMethod
/** Reaches a method of whatever encloses an anonymous class: the one route to a Method that ReflectionCalls does not check. */
public class ReflectionInvoke {
    public static void main(String[] args) throws Exception {
        Method enclosing = new Object() {}.getClass().getEnclosingMethod();
        enclosing.invoke(null, (Object) args);
    }
}
