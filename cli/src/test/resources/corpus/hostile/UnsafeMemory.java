// expect [jdk-internal] sun.misc.Unsafe
public class UnsafeMemory {
    public static void main(String[] args) {
        sun.misc.Unsafe unsafe = sun.misc.Unsafe.getUnsafe();
        unsafe.putLong(0L, 42L);
    }
}
