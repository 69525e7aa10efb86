import java.lang.reflect.Method;
import java.util.List;
import java.util.TreeSet;

/** Code main reaches (directly, virtually, through the JDK's callbacks and lambdas) and code it never does. */
public class Plugin {
    public static void main(String[] args) {
        System.out.println(Helper.greet("world"));
        Shape shape = args.length > 5 ? new Square() : new Circle();
        System.out.println(shape.area() + " " + shape); // toString: called by the JDK
        List<Runnable> tasks = List.of(() -> System.out.println("lambda ran"), Helper::announce);
        tasks.forEach(Runnable::run);
        System.out.println(new TreeSet<>(List.of(new Version(2), new Version(1)))); // compareTo: called by the JDK
        System.out.println(Color.valueOf("GREEN").ordinal());
        Loud loud = () -> "hey";
        System.out.println(loud.shout());
    }
}

class Helper {
    static String greet(String who) {
        return "hello " + who;
    }

    static void announce() {
        System.out.println("method reference ran");
    }

    /** Never called: may do what a SIP may not. */
    static Object reflective(Object target) throws Exception {
        Method method = target.getClass().getEnclosingMethod(); // reflection a SIP may not use, even on its own classes
        return method.invoke(target);
    }
}

interface Shape {
    double area();
}

class Circle implements Shape {
    public double area() {
        return 3.0;
    }

    @Override
    public String toString() {
        return "circle";
    }
}

class Square implements Shape {
    public double area() {
        return 4.0;
    }

    @Override
    public String toString() {
        return "square";
    }
}

/** Never touched at all. */
class Unused {
    static {
        System.setProperty("user.name", "mallory");
    }

    void run() throws Exception {
        Class.forName("Plugin").getDeclaredConstructor().newInstance();
    }
}

record Version(int number) implements Comparable<Version> {
    public int compareTo(Version other) {
        return Integer.compare(number, other.number);
    }
}

enum Color { RED, GREEN }

/** Implemented only by a lambda: its default method runs on the JDK's object. */
interface Loud {
    String word();

    default String shout() {
        return word().toUpperCase() + "!";
    }
}
