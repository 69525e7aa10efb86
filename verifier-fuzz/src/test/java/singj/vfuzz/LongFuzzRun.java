package singj.vfuzz;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The long run, only when asked for: {@code verifier-fuzz/run.sh 100000} (or
 * {@code ./mvnw -pl verifier-fuzz -am verify -Dtest=LongFuzzRun -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfuzz.mutants=100000}). Prints the matrix and writes it, with reproducers, under
 * verifier-fuzz/target/fuzz-report/. It reports; the slice in {@link FuzzSliceTest} is what asserts.
 */
class LongFuzzRun {
    @Test
    void longRun() {
        int mutants = Integer.getInteger("fuzz.mutants", 0);
        assumeTrue(mutants > 0, "no long run asked for (-Dfuzz.mutants=N)");
        Fuzzer.main(new String[] {String.valueOf(mutants), System.getProperty("fuzz.seed", "1")});
    }
}
