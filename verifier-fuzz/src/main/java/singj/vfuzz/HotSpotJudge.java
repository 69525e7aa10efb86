package singj.vfuzz;

/**
 * HotSpot's verdict on a class file: defined in a fresh class loader whose other classes come from
 * the same source (and the JDK), then linked without running any of its code.
 *
 * <p>{@link Class#getDeclaredMethods()} links the class (jvm.cpp, get_class_declared_methods_helper,
 * calls link_class before it reads a method), and linking verifies it and its superclasses. A
 * custom loader's classes are verified without -Xverify:all (BytecodeVerificationRemote is on by
 * default); {@code HarnessTest} checks both on a class HotSpot must reject.
 *
 * <p>Which errors mean "HotSpot rejects": every {@link LinkageError} thrown while defining or
 * linking, VerifyError and ClassFormatError above all, but also IncompatibleClassChangeError (a
 * class as superinterface, an interface as superclass), IllegalAccessError (a superclass it may not
 * extend) and ClassCircularityError: each means the class cannot be loaded, so it must not install.
 * NoClassDefFoundError and ClassNotFoundException are never a verdict: a class the source does not
 * have (a dependency of the jar, or one the verifier loads to check assignability) is "unresolvable",
 * and the mutant is skipped.
 */
public final class HotSpotJudge {
    private HotSpotJudge() {}

    public enum Kind { ACCEPT, REJECT, UNRESOLVABLE }

    /** {@code error} is the error's class and message (null when accepted). */
    public record Verdict(Kind kind, String error) {}

    public static Verdict judge(Source source, String internalName, byte[] bytes) {
        MutantLoader loader = new MutantLoader(source, internalName.replace('/', '.'), bytes);
        try {
            Class.forName(internalName.replace('/', '.'), false, loader).getDeclaredMethods();
            return new Verdict(Kind.ACCEPT, null);
        } catch (NoClassDefFoundError | ClassNotFoundException e) {
            return new Verdict(Kind.UNRESOLVABLE, e.toString());
        } catch (LinkageError e) {
            return new Verdict(Kind.REJECT, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /** Defines the mutant under its own name and every other class of the source from its original bytes. */
    private static final class MutantLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Source source;
        private final String mutantName;
        private final byte[] mutant;

        MutantLoader(Source source, String mutantName, byte[] mutant) {
            super("fuzz-" + source.name(), ClassLoader.getPlatformClassLoader());
            this.source = source;
            this.mutantName = mutantName;
            this.mutant = mutant;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = name.equals(mutantName) ? mutant : source.bytes(name.replace('.', '/'));
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
