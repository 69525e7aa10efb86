package singj.installer.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link CodeIndex} decodes code from the raw bytes where the verifier once took the ClassFile
 * API's instruction objects: held here to the same instructions, operands, branch targets, source
 * lines and exception table as the ClassFile API reads, over every method of the JDK's
 * {@code java.util} and {@code java.lang} packages (tens of thousands of methods, every opcode
 * javac emits), and to refuse what the API refuses.
 */
class CodeIndexTest {
    @Test
    void decodesWhatTheClassFileApiDecodesOverJdkClasses() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        int classes = 0;
        int methods = 0;
        int instructions = 0;
        for (String pkg : List.of("java/util", "java/lang")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(jrt.getPath("modules", "java.base", pkg))) {
                files = walk.filter(p -> p.toString().endsWith(".class")).toList();
            }
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                ClassFormat.Result format = ClassFormat.check(bytes);
                assertTrue(format.problems().isEmpty(), file + ": " + format.problems());
                ClassModel model = ClassFile.of().parse(bytes);
                List<MethodModel> all = model.methods();
                for (int m = 0; m < all.size(); m++) {
                    ClassFormat.CodeLayout layout = format.methods().get(m).code();
                    var attribute = all.get(m).findAttribute(java.lang.classfile.Attributes.code());
                    assertEquals(attribute.isPresent(), layout != null, file + " method " + m);
                    if (layout != null) {
                        instructions += compare(file + " " + all.get(m).methodName() + all.get(m).methodType(),
                                attribute.get(), new CodeIndex(bytes, layout, format.pool()));
                        methods++;
                    }
                }
                classes++;
            }
        }
        assertTrue(classes > 1_000 && methods > 20_000 && instructions > 500_000,
                classes + " classes, " + methods + " methods, " + instructions + " instructions");
    }

    /** Instruction by instruction, what the ClassFile API reads and what {@code index} reads; the number compared. */
    private static int compare(String where, CodeAttribute api, CodeIndex index) {
        List<Instruction> instructions = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int[] line = {-1};
        api.forEach((CodeElement element) -> {
            if (element instanceof LineNumber number) {
                line[0] = number.line();
            } else if (element instanceof Instruction instruction) {
                instructions.add(instruction);
                lines.add(line[0]);
            }
        });
        assertEquals(instructions.size(), index.size(), where);
        assertEquals(api.maxLocals(), index.maxLocals, where);
        assertEquals(api.maxStack(), index.maxStack, where);
        assertEquals(api.codeLength(), index.decodedLength, where);
        int offset = 0;
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            String at = where + " at " + offset + " (" + instruction + ")";
            assertEquals(instruction.opcode(), index.opcodes[i], at);
            assertEquals(offset, index.offsets[i], at);
            assertEquals(i, index.indexAt(offset), at);
            assertEquals(lines.get(i), index.line(i), at);
            switch (instruction) {
                case LoadInstruction load -> {
                    assertEquals(load.slot(), index.slot(i), at);
                    assertEquals(load.typeKind(), CodeIndex.typeKind(index.opcodes[i]), at);
                }
                case StoreInstruction store -> {
                    assertEquals(store.slot(), index.slot(i), at);
                    assertEquals(store.typeKind(), CodeIndex.typeKind(index.opcodes[i]), at);
                }
                case IncrementInstruction increment -> {
                    assertEquals(increment.slot(), index.slot(i), at);
                    assertEquals(increment.constant(), index.increment(i), at);
                }
                case BranchInstruction branch -> assertEquals(api.labelToBci(branch.target()), index.branchTarget(i), at);
                case TableSwitchInstruction table -> {
                    int[] targets = index.switchTargets(i);
                    assertEquals(api.labelToBci(table.defaultTarget()), targets[0], at);
                    for (int k = 0; k < table.cases().size(); k++) {
                        assertEquals(api.labelToBci(table.cases().get(k).target()), targets[k + 1], at);
                    }
                    assertEquals(table.cases().size() + 1, targets.length, at);
                }
                case LookupSwitchInstruction lookup -> {
                    int[] targets = index.switchTargets(i);
                    assertEquals(api.labelToBci(lookup.defaultTarget()), targets[0], at);
                    for (int k = 0; k < lookup.cases().size(); k++) {
                        assertEquals(api.labelToBci(lookup.cases().get(k).target()), targets[k + 1], at);
                    }
                    assertEquals(lookup.cases().size() + 1, targets.length, at);
                    assertTrue(index.lookupKeysSorted(i), at);
                }
                case FieldInstruction field -> {
                    int entry = index.field(i);
                    assertEquals(field.owner().asInternalName(), index.pool.owner(entry), at);
                    assertEquals(field.name().stringValue(), index.pool.name(entry), at);
                    assertEquals(field.type().stringValue(), index.pool.utf8(index.pool.descriptor(entry)), at);
                }
                case InvokeInstruction invoke -> {
                    int entry = index.member(i);
                    assertEquals(invoke.owner().asInternalName(), index.pool.owner(entry), at);
                    assertEquals(invoke.name().stringValue(), index.pool.name(entry), at);
                    assertEquals(invoke.type().stringValue(), index.pool.utf8(index.pool.descriptor(entry)), at);
                    if (invoke.opcode() == Opcode.INVOKEINTERFACE) {
                        assertEquals(invoke.count(), index.thirdByte(i), at);
                    }
                }
                case ConstantInstruction.LoadConstantInstruction ldc -> {
                    int entry = index.loadable(i);
                    assertEquals(ldc.constantEntry().index(), entry, at);
                    assertEquals(ldc.constantEntry().typeKind().slotSize(), StaticConstraints.slotSize(index.pool, entry), at);
                }
                case ConstantInstruction constant -> assertEquals(constant.typeKind(), CodeIndex.typeKind(index.opcodes[i]), at);
                case OperatorInstruction operator when operator.opcode() != Opcode.ARRAYLENGTH ->
                        assertEquals(operator.typeKind(), CodeIndex.typeKind(index.opcodes[i]), at);
                case ConvertInstruction convert -> {
                    assertEquals(convert.fromType(), CodeIndex.typeKind(index.opcodes[i]), at);
                    assertEquals(convert.toType(), CodeIndex.convertedTo(index.opcodes[i]), at);
                }
                case ReturnInstruction ret -> assertEquals(ret.typeKind(), CodeIndex.typeKind(index.opcodes[i]), at);
                case NewObjectInstruction made -> assertEquals(made.className().asInternalName(), index.className(i), at);
                case TypeCheckInstruction check -> assertEquals(check.type().asInternalName(), index.className(i), at);
                case NewPrimitiveArrayInstruction array -> assertEquals(array.typeKind(), index.newArrayKind(i), at);
                case NewMultiArrayInstruction array -> {
                    assertEquals(array.arrayType().asInternalName(), index.className(i), at);
                    assertEquals(array.dimensions(), index.thirdByte(i), at);
                }
                default -> { }
            }
            offset += instruction.sizeInBytes();
        }
        List<ExceptionCatch> handlers = api.exceptionHandlers();
        assertEquals(handlers.size(), index.handlerCount(), where);
        for (int k = 0; k < handlers.size(); k++) {
            ExceptionCatch handler = handlers.get(k);
            assertEquals(api.labelToBci(handler.tryStart()), index.handlerField(k, 0), where);
            assertEquals(api.labelToBci(handler.tryEnd()), index.handlerField(k, 1), where);
            assertEquals(api.labelToBci(handler.handler()), index.handlerField(k, 2), where);
            assertEquals(handler.catchType().map(ClassEntry::asInternalName).orElse(null), index.catchType(k), where);
        }
        return instructions.size();
    }

    @Test
    void refusesWhatTheClassFileApiRefuses() {
        // an opcode the JVMS does not define, a wide form of an instruction that has none, a
        // tableswitch whose high is below its low: none decodes, as in the ClassFile API
        assertThrows(IllegalArgumentException.class, () -> decodeWithFirstBytes(0xCB));
        assertThrows(IllegalArgumentException.class, () -> decodeWithFirstBytes(0xC4, 0x00));
        assertThrows(IllegalArgumentException.class, () -> decodeWithFirstBytes(0xAA, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0));
        // an instruction cut short by the end of the code decodes past it, which the verifier refuses
        CodeIndex cut = decodeWithLastByte(0x11); // sipush with no operand bytes left
        assertTrue(cut.decodedLength > cut.codeLength());
    }

    @Test
    void aLineNumberOnlyWhereAnInstructionStartsAsTheClassFileApiGivesIt() {
        // iconst_0 at 0, istore_0 at 1, iinc at 2, return at 5; lines 7 at 0, 9 at 2 and 0 at 5
        byte[] bytes = ClassFile.of().build(ClassDesc.of("Lines"), clb -> clb.withMethodBody("m", MethodTypeDesc.of(
                ConstantDescs.CD_void), ClassFile.ACC_STATIC, cob -> cob.lineNumber(7).iconst_0().istore(0).lineNumber(9)
                .iinc(0, 1).lineNumber(0).return_()));
        ClassFormat.Result format = ClassFormat.check(bytes);
        ClassFormat.CodeLayout layout = format.methods().getFirst().code();
        CodeIndex index = new CodeIndex(bytes, layout, format.pool());
        assertEquals(List.of(7, 7, 9, 9), List.of(index.line(0), index.line(1), index.line(2), index.line(3)),
                "a line 0 entry is no line (the ClassFile API skips it too)");
        assertEquals(0, index.handlerCount());
    }

    /** Decodes a method whose code starts with {@code first} (then nops and a return) in a class made for the test. */
    private static CodeIndex decodeWithFirstBytes(int... first) {
        return decodePatched(first, false);
    }

    private static CodeIndex decodeWithLastByte(int last) {
        return decodePatched(new int[] {last}, true);
    }

    private static CodeIndex decodePatched(int[] patch, boolean atEnd) {
        byte[] bytes = ClassFile.of().build(ClassDesc.of("Patched"), clb -> clb.withMethodBody("m", MethodTypeDesc.of(
                ConstantDescs.CD_void), ClassFile.ACC_STATIC, cob -> {
            for (int k = 0; k < 19; k++) {
                cob.nop();
            }
            cob.return_();
        }));
        ClassFormat.Result format = ClassFormat.check(bytes);
        ClassFormat.CodeLayout layout = format.methods().getFirst().code();
        int code = layout.attribute() + 8;
        int at = atEnd ? code + 20 - patch.length : code;
        for (int k = 0; k < patch.length; k++) {
            bytes[at + k] = (byte) patch[k];
        }
        return new CodeIndex(bytes, layout, format.pool());
    }
}
