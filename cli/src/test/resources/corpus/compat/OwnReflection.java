import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;

/** Reflection over the program's own classes: fields, methods, constructors, record components, annotations. */
public class OwnReflection {
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface Label { String value(); }

    record Point(int x, int y) {}

    static class Bean {
        @Label("the secret") private int secret = 7;
        private String name = "bean";
        static int created;
        Bean() { created++; }
        private String shout(String what) { return what.toUpperCase() + "!"; }
    }

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName("OwnReflection$Bean");
        Object bean = type.getDeclaredConstructor().newInstance();
        Field[] fields = type.getDeclaredFields();
        Arrays.sort(fields, Comparator.comparing(Field::getName));
        for (Field field : fields) {
            if (Modifier.isStatic(field.getModifiers())) continue;
            field.setAccessible(true);
            Label label = field.getAnnotation(Label.class);
            System.out.println(field.getName() + " : " + field.getType().getSimpleName() + " = " + field.get(bean)
                    + (label == null ? "" : " (" + label.value() + ")"));
        }
        Field secret = type.getDeclaredField("secret");
        secret.setAccessible(true);
        secret.setInt(bean, 42);
        System.out.println("secret now " + secret.getInt(bean) + ", created " + type.getDeclaredField("created").getInt(null));
        Method shout = type.getDeclaredMethod("shout", String.class);
        shout.setAccessible(true);
        System.out.println(shout.invoke(bean, "hello"));
        Point point = new Point(3, 4);
        for (RecordComponent component : Point.class.getRecordComponents()) {
            System.out.println(component.getName() + " = " + component.getAccessor().invoke(point));
        }
        Object made = Point.class.getDeclaredConstructor(int.class, int.class).newInstance(5, 6);
        System.out.println(made + " " + Point.class.isRecord() + " " + Point.class.getSuperclass().getName());
        try {
            Class.forName("NoSuchClassAnywhere");
        } catch (ClassNotFoundException e) {
            System.out.println("not found: " + e.getMessage());
        }
    }
}
