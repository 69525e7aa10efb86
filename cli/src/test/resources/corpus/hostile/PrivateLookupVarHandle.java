// expect [method-handles] java.lang.invoke.MethodHandles.privateLookupIn
import java.lang.invoke.MethodHandles;

/** String's bytes through a private lookup of String: privateLookupIn is refused, whatever follows. */
public class PrivateLookupVarHandle {
    public static void main(String[] args) throws Exception {
        var value = MethodHandles.privateLookupIn(String.class, MethodHandles.lookup())
                .findVarHandle(String.class, "value", byte[].class);
        System.out.println(value);
    }
}
