/** Breaks a SIP rule: a string literal is shared by every SIP, so locking it could block them all. */
public class LocksALiteral {
    public static void main(String[] args) {
        synchronized ("shared") {
            System.out.println("inside");
        }
    }
}
