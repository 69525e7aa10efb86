// expect-class [native-code] native methods
public class NativeMethod {
    static native void escape();

    public static void main(String[] args) {
        escape();
    }
}
