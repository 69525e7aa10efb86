package singj.services;

import java.time.Instant;

/** One program in the system image, as {@code programs} lists it. */
public record InstalledProgram(String name, String mainClass, int classes, Instant installed) {}
