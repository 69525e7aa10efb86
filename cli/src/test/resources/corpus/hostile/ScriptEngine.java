// expect [dynamic-code] javax.script.ScriptEngineManager
import javax.script.ScriptEngineManager;

public class ScriptEngine {
    public static void main(String[] args) {
        System.out.println(new ScriptEngineManager().getEngineFactories());
    }
}
