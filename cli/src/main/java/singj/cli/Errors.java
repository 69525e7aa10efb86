package singj.cli;

import singj.installer.InstallException;
import singj.kernel.KernelException;

/** What a failed command says, and its exit code: 2 for bad input, 1 for anything unexpected. */
final class Errors {
    static final int BAD_INPUT = 2;

    private Errors() {}

    static String describe(Exception e) {
        if (e instanceof InstallException || e instanceof KernelException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return "internal error: " + e;
    }

    static int exitCode(Exception e) {
        if (e instanceof InstallException || e instanceof KernelException || e instanceof IllegalArgumentException) {
            return BAD_INPUT;
        }
        return 1;
    }
}
