package singj.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams of one {@code singj} invocation, and whether they are a terminal. */
public record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive) {}
