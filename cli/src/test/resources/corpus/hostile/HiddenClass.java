// expect [method-handles] java.lang.invoke.MethodHandles$Lookup.defineHiddenClass
import java.lang.invoke.MethodHandles;

public class HiddenClass {
    public static void main(String[] args) throws Exception {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        lookup.defineHiddenClass(new byte[0], true);
    }
}
