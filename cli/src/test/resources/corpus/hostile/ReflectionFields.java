// expect [reflection] java.lang.Class.getDeclaredFields
public class ReflectionFields {
    public static void main(String[] args) {
        System.out.println(System.class.getDeclaredFields().length);
    }
}
