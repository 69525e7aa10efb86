/** Calls a method found by a name made at run time: nothing names it, so the installer drops it unless the manifest lists its class. */
public class ReflectsByComputedName {
    public static class Plugin {
        public String greet() { return "hello from the plugin"; }
    }

    public static void main(String[] args) throws Exception {
        String name = new StringBuilder("nigulP$emaNdetupmoCyBstcelfeR").reverse().toString();
        Class<?> type = Class.forName(name);
        Object plugin = type.getDeclaredConstructor().newInstance();
        System.out.println(type.getMethod("gr" + "eet").invoke(plugin));
    }
}
