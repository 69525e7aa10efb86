import java.lang.reflect.Proxy;

/** Defines a class at run time with a dynamic proxy: refused at install. */
public class ProxiesAnInterface {
    public static void main(String[] args) {
        Runnable proxy = (Runnable) Proxy.newProxyInstance(null, new Class<?>[] {Runnable.class},
                (self, method, arguments) -> null);
        proxy.run();
    }
}
