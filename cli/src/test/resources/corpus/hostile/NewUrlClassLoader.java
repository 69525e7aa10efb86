// expect [class-loading] java.net.URLClassLoader
import java.net.URL;
import java.net.URLClassLoader;

public class NewUrlClassLoader {
    public static void main(String[] args) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[0])) {
            System.out.println(loader);
        }
    }
}
