import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.Sip;

/** Registers the name it is given and exits at once, saying whether the kernel let it. */
public class Claimer {
    public static void main(String[] args) {
        try {
            Service<ClaimContract> service = Sip.register(args[0], ClaimContract.class);
            System.out.println("registered " + service.name());
        } catch (NameServiceException refused) {
            System.out.println("refused: " + refused.getMessage());
            System.exit(3);
        }
    }
}
