// expect [singj-internal] singj.abi.runtime.SipGlue
import singj.abi.runtime.SipGlue;

public class GlueDirectly {
    public static void main(String[] args) {
        SipGlue.killed = false;
    }
}
