import java.lang.invoke.MethodHandles;

/** Reaches a JDK field through a method-handle lookup: refused at install. */
public class LooksUpTheJdk {
    public static void main(String[] args) throws Throwable {
        var handle = MethodHandles.privateLookupIn(String.class, MethodHandles.lookup())
                .findGetter(String.class, "value", byte[].class);
        System.out.println(((byte[]) handle.invoke("x")).length);
    }
}
