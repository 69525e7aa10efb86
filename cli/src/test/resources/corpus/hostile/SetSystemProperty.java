// expect [jvm-global-state] java.lang.System.setProperty
public class SetSystemProperty {
    public static void main(String[] args) {
        System.setProperty("user.dir", "/");
    }
}
