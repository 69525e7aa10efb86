package singj.apps.shell;

/** What the shell does after a command. */
public enum Outcome { CONTINUE, EXIT }
