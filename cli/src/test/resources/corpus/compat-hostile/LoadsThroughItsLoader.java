/**
 * Holds its own class loader (getClassLoader of its class) and asks it for the kernel, as a
 * loader's loadClass would give under java: every member of ClassLoader but the resource
 * lookups is refused at install.
 */
public class LoadsThroughItsLoader {
    public static void main(String[] args) throws Exception {
        ClassLoader loader = LoadsThroughItsLoader.class.getClassLoader();
        System.out.println(loader.loadClass("singj.kernel.Kernel"));
    }
}
