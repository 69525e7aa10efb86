// expect-class [reserved-package] singj.abi.runtime.ReservedPackage
package singj.abi.runtime;

public class ReservedPackage {
    public static void main(String[] args) {
        SipGlue.killed = false;
    }
}
