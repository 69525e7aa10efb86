package singj.installer;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.kernel.KernelException;
import singj.kernel.SealedProgram;

class SystemImageTest {
    @TempDir
    Path dir;

    private SealedProgram program(String name) {
        byte[] main = ClassFile.of().build(ClassDesc.of("Main"), clb -> clb.withMethodBody("main",
                MethodTypeDesc.of(CD_void, CD_String.arrayType()), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                code -> code.return_()));
        return Installer.standard().seal(TestJars.jar(dir, "Main", Map.of("Main", main)), name, 0);
    }

    @Test
    void aStoredProgramLoadsBackByteForByte() {
        SystemImage image = new SystemImage(dir.resolve("image"));
        SealedProgram stored = program("demo");
        image.store(stored, "demo.jar", "abc");
        SealedProgram loaded = new SystemImage(dir.resolve("image")).load("demo");
        assertEquals("Main", loaded.mainClass());
        assertArrayEquals(stored.classes().get("Main"), loaded.classes().get("Main"));
        assertEquals(List.of("demo"), image.names());
        assertEquals("abc", image.sourceDigest("demo"));
    }

    @Test
    void aTamperedImageFileIsRefusedNotRun() throws Exception {
        SystemImage image = new SystemImage(dir.resolve("image"));
        image.store(program("demo"), "demo.jar", "abc");
        Path sealed = dir.resolve("image/programs/demo/sealed.jar");
        byte[] bytes = Files.readAllBytes(sealed);
        bytes[bytes.length / 2] ^= 1;
        Files.write(sealed, bytes);
        var refused = assertThrows(KernelException.class, () -> new SystemImage(dir.resolve("image")).load("demo"));
        assertTrue(refused.getMessage().contains("tampered"), refused.getMessage());
        assertTrue(refused.getMessage().contains("demo"), refused.getMessage());
    }

    @Test
    void reinstallingReplacesTheProgramAndLeavesNoDebris() throws Exception {
        SystemImage image = new SystemImage(dir.resolve("image"));
        image.store(program("demo"), "first.jar", "1");
        image.store(program("demo"), "second.jar", "2");
        assertEquals("2", image.sourceDigest("demo"));
        try (var files = Files.list(dir.resolve("image/programs"))) {
            assertEquals(List.of("demo"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void unknownAndInvalidNamesGetClearErrors() {
        SystemImage image = new SystemImage(dir.resolve("image"));
        var unknown = assertThrows(KernelException.class, () -> image.load("nothing"));
        assertTrue(unknown.getMessage().contains("no program named 'nothing'"), unknown.getMessage());
        var invalid = assertThrows(InstallException.class, () -> SystemImage.checkName("../escape"));
        assertTrue(invalid.getMessage().contains("not a valid program name"), invalid.getMessage());
        assertFalse(image.remove("nothing"));
    }
}
