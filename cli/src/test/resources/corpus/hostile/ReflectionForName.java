// expect [reflection] java.lang.Class.forName
public class ReflectionForName {
    public static void main(String[] args) throws Exception {
        System.out.println(Class.forName("java.lang.Runtime"));
    }
}
