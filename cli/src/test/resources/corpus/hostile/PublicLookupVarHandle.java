// expect [method-handles] java.lang.invoke.MethodHandles.publicLookup
import java.lang.invoke.MethodHandles;

/** A var handle through the JVM-wide public lookup: only a lookup of the program's own class makes var handles. */
public class PublicLookupVarHandle {
    public int open;

    public static void main(String[] args) throws Exception {
        System.out.println(MethodHandles.publicLookup().findVarHandle(PublicLookupVarHandle.class, "open", int.class));
    }
}
