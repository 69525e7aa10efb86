package singj.installer;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Map;
import java.util.Optional;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.files.FileStreams;
import singj.abi.runtime.files.SipFileInputStream;
import singj.abi.runtime.files.SipFileOutputStream;
import singj.abi.runtime.files.SipFileReader;
import singj.abi.runtime.files.SipFileWriter;

/**
 * The JDK constructors that open a host file, made to open a file of the SIP's namespace
 * instead (docs/storage.md, "Plain Java file code"). Two shapes:
 *
 * <ul>
 * <li>The java.io classes that are files ({@code FileInputStream}, {@code FileOutputStream},
 *     {@code FileReader}, {@code FileWriter}) are <em>replaced</em>: {@code new FileInputStream}
 *     allocates the runtime's subclass ({@code SipFileInputStream}), and its constructor call
 *     passes the SIP's context after the same arguments. The object is a {@code FileInputStream},
 *     so code holding it by that type runs unchanged; every method that would touch the host is
 *     overridden. A program's own subclass of one of these would open the host file in its
 *     {@code super(...)} call, so it is refused ({@link SipRules}), as is a constructor reference.</li>
 * <li>Constructors that open a file for a stream they wrap ({@code PrintWriter(String)},
 *     {@code Scanner(File)}, ...) are <em>converted</em>: their file argument becomes the stream
 *     the JDK would have made ({@code FileStreams}), and the constructor that takes that stream
 *     runs instead. The {@code new} stays; a subclass's {@code super(...)} call is converted the same way.</li>
 * </ul>
 */
final class FileConstructors {
    private static final ClassDesc CONTEXT = ClassDesc.of(SipContext.class.getName());
    private static final ClassDesc STREAMS = ClassDesc.of(FileStreams.class.getName());

    /** The replaced classes, by internal name, and what a SIP gets instead. */
    private static final Map<String, ClassDesc> REPLACED = Map.of(
            "java/io/FileInputStream", ClassDesc.of(SipFileInputStream.class.getName()),
            "java/io/FileOutputStream", ClassDesc.of(SipFileOutputStream.class.getName()),
            "java/io/FileReader", ClassDesc.of(SipFileReader.class.getName()),
            "java/io/FileWriter", ClassDesc.of(SipFileWriter.class.getName()));

    /** A converted constructor: {@code helper} turns its arguments into the one {@code constructor} takes. */
    private record Conversion(String helper, String constructor) {}

    private static final String WRITER = "(Ljava/io/Writer;)V";
    private static final String STRING = "Ljava/lang/String;";
    private static final String FILE = "Ljava/io/File;";
    private static final String PATH = "Ljava/nio/file/Path;";
    private static final String CHARSET = "Ljava/nio/charset/Charset;";

    /** By owner and descriptor: {@code java/io/PrintWriter.(Ljava/lang/String;)V}. */
    private static final Map<String, Conversion> CONVERTED = Map.ofEntries(
            Map.entry("java/io/PrintWriter.(" + STRING + ")V", new Conversion("writer", WRITER)),
            Map.entry("java/io/PrintWriter.(" + FILE + ")V", new Conversion("writer", WRITER)),
            Map.entry("java/io/PrintWriter.(" + STRING + STRING + ")V", new Conversion("writer", WRITER)),
            Map.entry("java/io/PrintWriter.(" + FILE + STRING + ")V", new Conversion("writer", WRITER)),
            Map.entry("java/io/PrintWriter.(" + STRING + CHARSET + ")V", new Conversion("writer", WRITER)),
            Map.entry("java/io/PrintWriter.(" + FILE + CHARSET + ")V", new Conversion("writer", WRITER)),
            Map.entry("java/io/PrintStream.(" + STRING + ")V", new Conversion("output", "(Ljava/io/OutputStream;)V")),
            Map.entry("java/io/PrintStream.(" + FILE + ")V", new Conversion("output", "(Ljava/io/OutputStream;)V")),
            Map.entry("java/util/Scanner.(" + FILE + ")V", new Conversion("input", "(Ljava/io/InputStream;)V")),
            Map.entry("java/util/Scanner.(" + PATH + ")V", new Conversion("input", "(Ljava/io/InputStream;)V")),
            Map.entry("java/util/Scanner.(" + FILE + CHARSET + ")V",
                    new Conversion("input", "(Ljava/io/InputStream;" + CHARSET + ")V")),
            Map.entry("java/util/Scanner.(" + PATH + CHARSET + ")V",
                    new Conversion("input", "(Ljava/io/InputStream;" + CHARSET + ")V")));

    private FileConstructors() {}

    /** What {@code new type} allocates in a SIP, if it is a replaced class. */
    static Optional<ClassDesc> replacement(String type) {
        return Optional.ofNullable(REPLACED.get(type));
    }

    /** Whether {@code type} is a replaced class (a program may not extend one). */
    static boolean replaced(String type) {
        return REPLACED.containsKey(type);
    }

    /** Whether the sealer rewrites {@code owner.<init>descriptor} where it constructs a new object. */
    static boolean rewrites(String owner, String descriptor) {
        return REPLACED.containsKey(owner) || CONVERTED.containsKey(owner + "." + descriptor);
    }

    /**
     * Writes the SIP's version of {@code invokespecial owner.<init>descriptor}, its arguments on the
     * stack; {@code ofNew} says whether it initializes the object of a {@code new} the sealer
     * replaced (not a subclass's {@code super(...)}). Writes nothing and returns false for any
     * other constructor.
     */
    static boolean rewrite(CodeBuilder b, String owner, String descriptor, boolean ofNew) {
        ClassDesc replacement = REPLACED.get(owner);
        if (replacement != null) {
            if (!ofNew) {
                return false; // a program's subclass: SipRules refused it
            }
            MethodTypeDesc type = MethodTypeDesc.ofDescriptor(descriptor);
            b.invokestatic(Redirects.GLUE, "context", MethodTypeDesc.of(CONTEXT));
            b.invokespecial(replacement, "<init>", type.insertParameterTypes(type.parameterCount(), CONTEXT));
            return true;
        }
        Conversion conversion = CONVERTED.get(owner + "." + descriptor);
        if (conversion == null) {
            return false;
        }
        MethodTypeDesc type = MethodTypeDesc.ofDescriptor(descriptor);
        MethodTypeDesc target = MethodTypeDesc.ofDescriptor(conversion.constructor());
        // the helper takes the file (and its charset name, for a writer) and gives the stream;
        // a Charset the converted constructor takes itself stays on the stack above the stream
        boolean keepsCharset = target.parameterCount() == 2;
        if (keepsCharset) {
            int slot = b.allocateLocal(java.lang.classfile.TypeKind.REFERENCE);
            b.astore(slot);
            helper(b, conversion, type.dropParameterTypes(1, 2), target.parameterType(0));
            b.aload(slot);
        } else {
            helper(b, conversion, type, target.parameterType(0));
        }
        b.invokespecial(ClassDesc.ofInternalName(owner), "<init>", target);
        return true;
    }

    private static void helper(CodeBuilder b, Conversion conversion, MethodTypeDesc arguments, ClassDesc result) {
        b.invokestatic(Redirects.GLUE, "context", MethodTypeDesc.of(CONTEXT));
        MethodTypeDesc call = MethodTypeDesc.of(result, arguments.parameterList().toArray(ClassDesc[]::new))
                .insertParameterTypes(arguments.parameterCount(), CONTEXT);
        b.invokestatic(STREAMS, conversion.helper(), call);
    }
}
