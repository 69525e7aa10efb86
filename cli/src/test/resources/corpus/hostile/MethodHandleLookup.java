// expect [method-handles] java.lang.invoke.MethodHandles$Lookup.findStatic
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** MethodHandles.lookup() is allowed for var handles; what it finds besides them is not. */
public class MethodHandleLookup {
    public static void main(String[] args) throws Exception {
        System.out.println(MethodHandles.lookup().findStatic(System.class, "exit",
                MethodType.methodType(void.class, int.class)));
    }
}
