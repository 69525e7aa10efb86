// expect [reflection] java.lang.Class.getDeclaredClasses
/** Lists a JDK class's nested classes, the way to its private helpers. */
public class ReflectionFields {
    public static void main(String[] args) {
        System.out.println(System.class.getDeclaredClasses().length);
    }
}
