// expect [dynamic-code] javax.tools.ToolProvider
import javax.tools.ToolProvider;

public class CompilerAtRunTime {
    public static void main(String[] args) {
        System.out.println(ToolProvider.getSystemJavaCompiler());
    }
}
