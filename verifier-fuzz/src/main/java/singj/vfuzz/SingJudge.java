package singj.vfuzz;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import singj.installer.FuzzBridge;
import singj.installer.Violation;
import singj.installer.verify.TypeVerifier;

/**
 * SingJ's verdict on a class file: parsed as the installer parses it, then the format and type
 * checks against a hierarchy of the source's classes with the mutant in place of its original
 * (so a changed superclass or interface is what the verifier sees). A verdict must come within
 * {@link #LIMIT_SECONDS}; the verifier failing on a class (an exception, or its own "bug in SingJ"
 * violation) or taking longer is a failure of its own, never counted as a reject.
 */
public final class SingJudge implements AutoCloseable {
    public static final int LIMIT_SECONDS = 5;

    public enum Kind { ACCEPT, REJECT, CRASH, SLOW }

    /** Said after a refusal of a class of the source the mutant is a supertype of, not of the mutant itself. */
    static final String SUBTYPE_REFUSED = " (a class that extends or implements the mutant)";

    /** {@code reason}: the first violation, or what went wrong. */
    public record Verdict(Kind kind, String reason) {}

    private ExecutorService worker = newWorker();

    public Verdict judge(Source source, String internalName, byte[] bytes) {
        Future<Verdict> result = worker.submit(() -> verify(source, internalName, bytes));
        try {
            return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            // the stuck thread may never end: leave it to itself and go on with a new one
            worker.shutdownNow();
            worker = newWorker();
            return new Verdict(Kind.SLOW, "no verdict after " + LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            return new Verdict(Kind.CRASH, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(Kind.CRASH, "interrupted");
        }
    }

    private static Verdict verify(Source source, String internalName, byte[] bytes) {
        ClassModel model;
        try {
            model = ClassFile.of().parse(bytes);
            for (MethodModel method : model.methods()) {
                method.code().ifPresent(code -> code.elementList()); // as the installer does: parse errors are rejects
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException
                 | UnsupportedOperationException | ClassCastException e) {
            return new Verdict(Kind.REJECT, "[malformed-class] the class file does not parse: " + e.getMessage());
        }
        WithMutant program = new WithMutant(source, internalName, model);
        List<Violation> violations = FuzzBridge.verify(program, model, bytes);
        for (Violation v : violations) {
            if (v.message().contains(TypeVerifier.VERIFIER_FAILED)) {
                return new Verdict(Kind.CRASH, v.toString());
            }
        }
        if (!violations.isEmpty()) {
            return new Verdict(Kind.REJECT, violations.get(0).toString());
        }
        // the installer checks every class of a program, and HotSpot loads the mutant's subclasses
        // while it verifies code that uses them: a mutant made final, or sealed, refuses them
        for (String subtype : source.directSubtypes(internalName)) {
            List<Violation> header = FuzzBridge.header(program, program.get(subtype), source.bytes(subtype));
            if (!header.isEmpty()) {
                return new Verdict(Kind.REJECT, header.get(0) + SUBTYPE_REFUSED);
            }
        }
        return new Verdict(Kind.ACCEPT, null);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "singj-verdict");
            t.setDaemon(true);
            return t;
        });
    }

    /** The source's classes with the mutant in place of its original; the hierarchy asks only get and containsKey. */
    private static final class WithMutant extends AbstractMap<String, ClassModel> {
        private final Source source;
        private final String mutantName;
        private final ClassModel mutant;

        WithMutant(Source source, String mutantName, ClassModel mutant) {
            this.source = source;
            this.mutantName = mutantName;
            this.mutant = mutant;
        }

        @Override
        public ClassModel get(Object key) {
            return mutantName.equals(key) ? mutant : key instanceof String name ? source.model(name).orElse(null) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Map.Entry<String, ClassModel>> entrySet() {
            throw new UnsupportedOperationException("the fuzzer's program view answers get and containsKey only");
        }
    }
}
