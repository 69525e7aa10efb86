// expect [method-handles] java.lang.invoke.VarHandle.toMethodHandle
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A var handle of its own, turned into a method handle: method handles stay refused. */
public class VarHandleAsMethodHandle {
    int own;

    public static void main(String[] args) throws Exception {
        VarHandle handle = MethodHandles.lookup().findVarHandle(VarHandleAsMethodHandle.class, "own", int.class);
        System.out.println(handle.toMethodHandle(VarHandle.AccessMode.SET));
    }
}
