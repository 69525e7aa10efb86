// expect-class [class-loading] java.lang.ClassLoader
public class OwnClassLoader {
    static final class Loader extends ClassLoader {
        Class<?> define(byte[] bytes) {
            return defineClass(null, bytes, 0, bytes.length);
        }
    }

    public static void main(String[] args) {
        new Loader().define(new byte[0]);
    }
}
