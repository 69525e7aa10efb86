// expect [reflection] java.lang.Class.forName
/** Class.forName with a loader of its choosing (the boot loader): only forName(name), which finds the SIP's own classes, is allowed. */
public class ReflectionForName {
    public static void main(String[] args) throws Exception {
        System.out.println(Class.forName("java.lang.Runtime", true, null));
    }
}
