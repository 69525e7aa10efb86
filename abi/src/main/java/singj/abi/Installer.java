package singj.abi;

/**
 * The contract of the system's installer, registered at {@value #NAME}: verifying, sealing and
 * storing a jar in the system image, and listing what is installed. The shell's {@code install}
 * and {@code programs} speak it. The name is a system name: only system programs (the shell) are
 * granted it, since it reads jars from the host's file system and changes the image.
 */
@Contract({
    "IDLE       client: Install -> INSTALLING, ListPrograms -> LISTING",
    "INSTALLING server: Installed -> IDLE, Refused -> IDLE",
    "LISTING    server: Program -> PROGRAM, End -> IDLE, Refused -> IDLE",
    "PROGRAM    client: More -> LISTING"
})
public interface Installer {
    /** Where the system serves it. */
    String NAME = "/kernel/programs";

    /**
     * Installs the jar at host path {@code jar} under {@code name} (empty: the jar's file name
     * without {@code .jar}), replacing an earlier version.
     */
    record Install(String jar, String name) implements Message {}

    /** It is installed: one line saying what ("installed NAME (N classes, main CLASS)"). */
    record Installed(String summary) implements Message {}

    /**
     * Not installed (a missing jar, a program that breaks the rules: then a line per violation,
     * the last one the summary), or the image could not be read; lines separated by {@code \n}.
     */
    record Refused(String reason) implements Message {}

    /** Asks for the installed programs, a {@link Program} each (sorted by name), then {@link End}. */
    record ListPrograms() implements Message {}

    /**
     * One installed program.
     *
     * @param classes how many sealed classes it has
     * @param installedMillis when it was installed, in milliseconds since the epoch
     */
    record Program(String name, String mainClass, int classes, long installedMillis) implements Message {}

    record More() implements Message {}

    record End() implements Message {}
}
