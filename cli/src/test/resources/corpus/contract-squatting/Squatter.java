package singj.apps.echoservice;

import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * Defines its own singj.apps.echoservice.EchoContract and registers a name with it, then tries
 * to open the real /service/echo with it. Run before echo-server, it used to make the kernel keep
 * its EchoContract for good, and echo-server could no longer start.
 */
public class Squatter {
    public static void main(String[] args) throws InterruptedException {
        Service<EchoContract> mine = Sip.register("/squat/echo", EchoContract.class);
        System.out.println("squatter: registered " + mine.name());
        if (args.length == 0) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                Sip.open("/service/echo", EchoContract.class);
                System.out.println("squatter: opened /service/echo");
                return;
            } catch (NameServiceException refused) {
                if (!refused.getMessage().startsWith("no service") || System.nanoTime() > deadline) {
                    System.out.println("squatter: " + refused.getMessage());
                    return;
                }
                Thread.sleep(50); // echo-server is starting
            }
        }
    }
}
