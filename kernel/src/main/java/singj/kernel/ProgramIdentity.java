package singj.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Who a program is, for the names reserved to it ({@code NameServer}): the name it was installed
 * under and a digest of its sealed classes, so that another program installed or run under the
 * same name is not the same program. Computed when first asked, since most SIPs never register a
 * name and a digest of a large program costs milliseconds.
 */
final class ProgramIdentity implements Supplier<String> {
    private final SealedProgram program;
    private volatile String identity;

    ProgramIdentity(SealedProgram program) {
        this.program = program;
    }

    /** A system SIP's: its name, which no installed program can take (system SIPs are not in the image). */
    static Supplier<String> system(String name) {
        return () -> "system program " + name;
    }

    @Override
    public String get() {
        String known = identity;
        if (known == null) {
            identity = known = "program " + program.name() + " (sha-256 " + digest(program.classes()) + ")";
        }
        return known;
    }

    private static String digest(Map<String, byte[]> classes) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (var entry : new TreeMap<>(classes).entrySet()) {
            sha.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(entry.getValue());
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
