// expect [foreign] java.lang.foreign.Arena.ofConfined
// expect [foreign] java.lang.foreign.Linker.nativeLinker
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;

public class ForeignMemory {
    public static void main(String[] args) {
        try (Arena arena = Arena.ofConfined()) {
            System.out.println(arena.allocate(8) + " " + Linker.nativeLinker());
        }
    }
}
