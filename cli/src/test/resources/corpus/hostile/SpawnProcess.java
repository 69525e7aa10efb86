// expect [process-spawn] java.lang.ProcessBuilder
// expect [process-spawn] java.lang.Runtime.exec
public class SpawnProcess {
    public static void main(String[] args) throws Exception {
        new ProcessBuilder("true").start().waitFor();
        Runtime.getRuntime().exec(new String[] {"true"}).waitFor();
    }
}
