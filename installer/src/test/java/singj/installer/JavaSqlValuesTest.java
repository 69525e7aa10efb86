package singj.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import singj.installer.surface.JdkSurface;

/**
 * The allowlist admits {@code java.sql.Date}, {@code Time} and {@code Timestamp} by hand, since
 * the proven surface covers {@code java.base} only. What holds that entry up, checked on the
 * running JDK: their code reaches nothing but each other, {@code java.base} members the surface
 * does not refuse, and no static field of theirs that a SIP could share state through; and the
 * rest of {@code java.sql} stays refused.
 */
class JavaSqlValuesTest {
    private static final List<String> VALUES = List.of("java/sql/Date", "java/sql/Time", "java/sql/Timestamp");

    @Test
    void theValueClassesCallOnlyWhatTheSurfaceAllows() throws IOException {
        ClassHierarchy hierarchy = new ClassHierarchy(Map.of());
        JdkSurface surface = JdkSurface.standard();
        List<String> problems = new ArrayList<>();
        int calls = 0;
        var jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (String value : VALUES) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(jrt.getPath("/modules/java.sql", value + ".class")));
            for (MethodModel method : model.methods()) {
                String where = value + "." + method.methodName().stringValue();
                for (var element : method.code().map(code -> code.elementList()).orElse(List.of())) {
                    switch (element) {
                        case InvokeInstruction invoke -> {
                            calls++;
                            String owner = invoke.owner().asInternalName();
                            String name = invoke.name().stringValue();
                            String descriptor = invoke.type().stringValue();
                            if (VALUES.contains(owner)) {
                                continue;
                            }
                            var declaring = hierarchy.resolveMethod(owner, name, descriptor);
                            if (declaring.isEmpty() || !Object.class.getModule().getLayer().findModule("java.base")
                                    .orElseThrow().getPackages().contains(packageOf(declaring.get().name()))) {
                                problems.add(where + " calls " + owner + "." + name + " outside java.base");
                            } else {
                                surface.denial(declaring.get().name(), name, descriptor).ifPresent(denial ->
                                        problems.add(where + " calls " + owner + "." + name + descriptor + ": " + denial));
                            }
                        }
                        case FieldInstruction field when field.opcode() == java.lang.classfile.Opcode.PUTSTATIC
                                && !method.methodName().equalsString("<clinit>") ->
                                problems.add(where + " writes the static field " + field.name());
                        case InvokeDynamicInstruction indy -> problems.add(where + " has an invokedynamic, " + indy);
                        default -> { }
                    }
                }
            }
        }
        assertTrue(calls > 50, "read the classes' code: " + calls + " calls");
        assertEquals(List.of(), problems);
    }

    @Test
    void theRestOfJavaSqlStaysRefused() {
        Allowlist allowlist = Allowlist.standard();
        for (String value : VALUES) {
            assertTrue(allowlist.decide(value.replace('/', '.'), "valueOf", "").allowed(), value);
        }
        for (String other : List.of("java.sql.DriverManager", "java.sql.Connection", "java.sql.Statement", "java.sql.SQLException")) {
            assertEquals("host-io", allowlist.decideClass(other).rule(), other);
        }
    }

    private static String packageOf(String internalName) {
        return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
    }
}
