import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the resources of its own jar in every way a program does: from its class (relative and
 * absolute names), from its class loader, the context and system loaders, through a URL, as
 * properties, and as resource bundles in properties files and in classes, with their parents.
 * The test adds the files to the jar: greeting.txt, data/words.txt, app.properties,
 * Messages.properties, Messages_fr.properties.
 */
public class OwnResources {
    /** A bundle in a class, found by its name; public with a public constructor, as the JDK requires. */
    public static class Labels extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"ok", "OK"}, {"cancel", "Cancel"}, {"sizes", new int[] {1, 2, 3}}};
        }
    }

    public static class Labels_fr extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"cancel", "Annuler"}};
        }
    }

    static String read(InputStream in) throws IOException {
        if (in == null) {
            return "null";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("relative to the class: " + read(OwnResources.class.getResourceAsStream("greeting.txt")));
        System.out.println("absolute: " + read(OwnResources.class.getResourceAsStream("/data/words.txt")));
        ClassLoader loader = OwnResources.class.getClassLoader();
        System.out.println("from the loader: " + read(loader.getResourceAsStream("data/words.txt")));
        System.out.println("a loader's name never starts with /: " + loader.getResourceAsStream("/data/words.txt"));
        System.out.println("context loader: " + read(Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("greeting.txt")));
        System.out.println("system resource: " + read(ClassLoader.getSystemResourceAsStream("greeting.txt")));
        System.out.println("system loader is the program's: " + (ClassLoader.getSystemClassLoader() == loader));
        URL url = OwnResources.class.getResource("/data/words.txt");
        System.out.println("through a URL: " + read(url.openStream()));
        System.out.println("the URL names it: " + url.toString().endsWith("/data/words.txt"));
        System.out.println("found once: " + Collections.list(loader.getResources("data/words.txt")).size());
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream("app.properties")) {
            properties.load(in);
        }
        System.out.println("properties: " + new TreeMap<>(properties));
        System.out.println("missing: " + OwnResources.class.getResource("missing.txt") + " "
                + OwnResources.class.getResourceAsStream("missing.txt"));

        ResourceBundle root = ResourceBundle.getBundle("Messages", Locale.ROOT);
        System.out.println("bundle: " + root.getString("hello") + ", " + root.getString("bye"));
        ResourceBundle french = ResourceBundle.getBundle("Messages", Locale.FRENCH);
        System.out.println("french bundle, its parent for the rest: " + french.getString("hello") + ", "
                + french.getString("bye") + " (" + french.getLocale() + ")");
        System.out.println("keys: " + new TreeSet<>(french.keySet()));
        ResourceBundle labels = ResourceBundle.getBundle("OwnResources$Labels", Locale.FRENCH);
        System.out.println("class bundle: " + labels.getString("ok") + " / " + labels.getString("cancel") + " / "
                + ((int[]) labels.getObject("sizes")).length);
        try {
            ResourceBundle.getBundle("NoSuchBundle");
            System.out.println("found a bundle that is not there");
        } catch (MissingResourceException e) {
            System.out.println("no bundle: " + e.getClassName() + " " + e.getKey());
        }
        try {
            root.getString("absent");
        } catch (MissingResourceException e) {
            System.out.println("no key: " + e.getKey());
        }
    }
}
