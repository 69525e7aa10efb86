package singj.apps.shell;

import java.util.List;

/**
 * A service refused a program for a reason a person can act on: one line for a missing or
 * corrupt jar, one line per violation (then a summary) for a program the rules reject.
 */
final class RefusedException extends RuntimeException {
    private final List<String> lines;

    RefusedException(String reason) {
        super(reason);
        this.lines = List.of(reason.split("\n"));
    }

    List<String> lines() {
        return lines;
    }
}
