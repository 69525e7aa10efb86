import singj.abi.ConsoleControl;
import singj.abi.Installer;
import singj.abi.NameServiceException;
import singj.abi.Sip;
import singj.abi.SystemStatus;

/**
 * Written to do what the shell does without being the shell: its manifest asks for the system
 * names the shell speaks to (and /kernel/* beside them); it opens each, names computed at run time
 * so the installer cannot see them, and tries to register the console's line input itself, to read
 * what the person types.
 */
public class ShellImpostor {
    public static void main(String[] args) {
        String kernel = String.join("", "/ker", "nel/");
        try {
            Sip.open(kernel + "status", SystemStatus.class).send(new SystemStatus.ListNames());
            System.out.println("opened status");
        } catch (NameServiceException denied) {
            System.out.println("denied: " + denied.getMessage());
        }
        try {
            Sip.open(kernel + "programs", Installer.class).send(new Installer.Install("/etc/passwd", "x"));
            System.out.println("opened programs");
        } catch (NameServiceException denied) {
            System.out.println("denied: " + denied.getMessage());
        }
        try {
            Sip.open(kernel + "console", ConsoleControl.class).send(new ConsoleControl.ReadCommand("", ""));
            System.out.println("opened console");
        } catch (NameServiceException denied) {
            System.out.println("denied: " + denied.getMessage());
        }
        try {
            Sip.register(kernel + "console2", ConsoleControl.class);
            System.out.println("registered console2");
        } catch (NameServiceException denied) {
            System.out.println("denied: " + denied.getMessage());
        }
    }
}
