package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/** {@code singj verify --json}: standard output parses back as the violations, and only them. */
class VerifyJsonTest {
    @TempDir
    Path work;

    @Test
    void aPassingJarPrintsAnEmptyArrayAndExitsZero() {
        Path jar = ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work);
        var result = ProcessRunner.singj("", "verify", "--json", jar.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(), parse(result.out()));
    }

    @Test
    void eachViolationIsOneObjectWithItsLocation() {
        Path jar = ProgramCompiler.compile("Evil", Map.of("Evil.java", """
                public class Evil {
                    public static void main(String[] args) throws Exception {
                        Class.forName("java.lang.Runtime", true, null);
                        System.out.println(Thread.currentThread().getContextClassLoader());
                    }
                }
                """), work);
        var plain = ProcessRunner.singj("", "verify", jar.toString());
        var result = ProcessRunner.singj("", "verify", "--json", jar.toString());
        assertEquals(plain.exitCode(), result.exitCode());
        assertEquals(1, result.exitCode());
        List<Map<String, Object>> violations = parse(result.out());
        // the same violations as the plain output, one line each there
        assertEquals(plain.err().lines().filter(l -> l.startsWith("[")).count(), violations.size(), plain.err());
        Map<String, Object> first = violations.getFirst();
        assertEquals("reflection", first.get("rule"));
        assertEquals("Evil", first.get("class"));
        assertEquals("main([Ljava/lang/String;)V", first.get("method"));
        assertTrue(first.get("offset") instanceof Integer offset && offset >= 0, first.toString());
        assertEquals(3, first.get("line"));
        assertTrue(((String) first.get("message")).contains("java.lang.Class.forName"), first.toString());
        for (Map<String, Object> violation : violations) {
            assertEquals(List.of("rule", "class", "method", "offset", "line", "message"), List.copyOf(violation.keySet()));
        }
    }

    @Test
    void aHandleUsedAfterItWasFreedIsReportedWithItsPlace() {
        Path jar = ProgramCompiler.compile("Reuse", Map.of("Reuse.java", """
                import singj.abi.Block;
                import singj.abi.Sip;

                public class Reuse {
                    public static void main(String[] args) {
                        Block block = Sip.allocate(8);
                        block.free();
                        block.putInt(0, 1);
                    }
                }
                """), work);
        var plain = ProcessRunner.singj("", "verify", jar.toString());
        assertEquals(1, plain.exitCode());
        assertTrue(plain.err().contains("[handle-use-after-move] Reuse.main([Ljava/lang/String;)V @ "), plain.err());
        var result = ProcessRunner.singj("", "verify", "--json", jar.toString());
        Map<String, Object> reuse = parse(result.out()).getFirst();
        assertEquals("handle-use-after-move", reuse.get("rule"));
        assertEquals(8, reuse.get("line"));
        assertTrue(((String) reuse.get("message")).contains("used after it was freed"), reuse.toString());
    }

    @Test
    void namesThatNeedEscapingSurviveTheRoundTrip() {
        // a class file may name a class with quotes and backslashes, which javac never would
        String name = "Q\"uote\\Back\u00e9";
        ClassDesc self = ClassDesc.ofInternalName(name);
        byte[] bytes = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(self, cls -> cls
                .withFlags(AccessFlag.PUBLIC)
                .withMethodBody("main", MethodTypeDesc.ofDescriptor("([Ljava/lang/String;)V"),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                            Label join = code.newLabel();
                            Label other = code.newLabel();
                            code.aload(0).arraylength().ifeq(other).aload(0).astore(1).goto_(join)
                                    .labelBinding(other).iconst_1().istore(1)
                                    .labelBinding(join).aload(1).pop().return_();
                        }));
        Path jar = ProgramCompiler.jar(name, Map.of(name, bytes), work.resolve("odd.jar"));
        var result = ProcessRunner.singj("", "verify", "--json", jar.toString());
        assertEquals(1, result.exitCode(), result.err());
        List<Map<String, Object>> violations = parse(result.out());
        Map<String, Object> forged = violations.stream().filter(v -> "type-safety".equals(v.get("rule"))).findFirst()
                .orElseThrow(() -> new AssertionError(result.out()));
        assertEquals(name, forged.get("class"));
        assertEquals(null, forged.get("line"));
        assertTrue(((String) forged.get("message")).contains("local 1 is int on one path and java.lang.String[] on another"),
                forged.toString());
    }

    /** A JSON array of flat objects, read with Jackson's streaming parser: strings, ints and nulls. */
    private static List<Map<String, Object>> parse(String json) {
        List<Map<String, Object>> result = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken(), json);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                assertEquals(JsonToken.START_OBJECT, token, json);
                Map<String, Object> object = new java.util.LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    JsonToken value = parser.nextToken();
                    object.put(key, switch (value) {
                        case VALUE_STRING -> parser.getString();
                        case VALUE_NUMBER_INT -> parser.getIntValue();
                        case VALUE_NULL -> null;
                        default -> throw new AssertionError("unexpected " + value + " in " + json);
                    });
                }
                result.add(object);
            }
            assertEquals(null, parser.nextToken(), "nothing after the array: " + json);
        }
        return result;
    }

}
