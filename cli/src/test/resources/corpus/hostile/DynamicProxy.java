// expect [reflection] java.lang.reflect.Proxy.newProxyInstance
public class DynamicProxy {
    public static void main(String[] args) {
        Runnable r = (Runnable) java.lang.reflect.Proxy.newProxyInstance(null, new Class<?>[] {Runnable.class},
                (proxy, method, arguments) -> null);
        r.run();
    }
}
