package singj.apps.hello;

/** The first program to run on SingJ. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello from SIP land!");
    }
}
