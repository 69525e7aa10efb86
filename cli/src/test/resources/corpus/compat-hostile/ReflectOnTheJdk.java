import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.TypeVariable;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An attacker who has read ReflectionCalls: tries every route it admits to a member of a JDK, ABI
 * or kernel class, and to the checks the sealer puts at a direct call. Prints what each route
 * gives; each must be refused.
 */
public class ReflectOnTheJdk {
    static class Mine extends Thread {
        public int open = 1;
    }

    static void attempt(String route, Callable<?> attack) {
        try {
            Object got = attack.call();
            boolean nothing = got == null || got instanceof Object[] array && array.length == 0
                    || got instanceof List<?> list && list.isEmpty() || Integer.valueOf(0).equals(got);
            System.out.println((nothing ? "sees nothing " : "OPEN ") + route + ": " + got);
        } catch (Throwable refused) {
            System.out.println("refused " + route + ": " + refused.getClass().getSimpleName());
        }
    }

    public static void main(String[] args) {
        attempt("forName of a JDK class", () -> Class.forName("java.lang.Runtime").getDeclaredMethods().length);
        attempt("forName of the SIP runtime", () -> Class.forName("singj.abi.runtime.SipGlue"));
        attempt("forName of the ABI", () -> Class.forName("singj.abi.Sip").getDeclaredFields().length);
        attempt("forName of the kernel", () -> Class.forName("singj.kernel.Kernel"));
        attempt("getClass of a JDK object", () -> "interned".getClass().getDeclaredField("value"));
        attempt("declared fields of a JDK class", () -> String.class.getDeclaredFields().length);
        attempt("public methods of a JDK class", () -> Runtime.class.getMethods().length);
        attempt("array of a JDK class", () -> String[].class.getMethods().length);
        attempt("a JDK constructor", () -> ProcessBuilder.class.getConstructor(String[].class));
        attempt("a thread's constructor", () -> Mine.class.getDeclaredConstructor().newInstance());
        attempt("an inherited JDK method", () -> Mine.class.getMethod("setContextClassLoader", ClassLoader.class));
        attempt("wait by reflection", () -> ReflectOnTheJdk.class.getMethod("notify"));
        attempt("inherited JDK methods listed", () -> java.util.Arrays.stream(Mine.class.getMethods())
                .filter(m -> m.getDeclaringClass() != Mine.class).map(Method::getName).toList());
        attempt("inherited JDK fields listed", () -> java.util.Arrays.stream(Mine.class.getFields())
                .filter(f -> f.getDeclaringClass() != Mine.class).map(Field::getName).toList());
        attempt("a type variable's generic method", () -> {
            Type iface = Collections.enumeration(List.of(1)).getClass().getGenericInterfaces()[0];
            TypeVariable<?> variable = (TypeVariable<?>) ((ParameterizedType) iface).getActualTypeArguments()[0];
            return variable.getGenericDeclaration();
        });
        attempt("record components of a JDK object's class", () -> Runtime.version().getClass().getRecordComponents());
        // the record support libraries written for Java 8 use (gson, Jackson) hands out Class.getRecordComponents,
        // which, invoked reflectively, skips the check above: the shared ABI's record Channel, then its accessor
        attempt("a shared record's accessor through the record support", () -> ((java.lang.reflect.RecordComponent[])
                Class.class.getMethod("getRecordComponents").invoke(singj.abi.Channel.class))[0].getAccessor());
        attempt("the accessor by reflection", () -> java.lang.reflect.RecordComponent.class.getMethod("getAccessor"));
        attempt("a member of Class beside the record support", () -> Class.class.getMethod("getClassLoader"));
        System.out.println("own field still open: " + attemptOwn());
    }

    static Object attemptOwn() {
        try {
            return Mine.class.getField("open").getInt(new Mine()); // made with new: the kernel adopts it
        } catch (ReflectiveOperationException e) {
            return e;
        }
    }
}
