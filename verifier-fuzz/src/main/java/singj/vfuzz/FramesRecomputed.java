package singj.vfuzz;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;

/**
 * HotSpot's verdict on a mutant's code with its StackMapTable computed afresh by the ClassFile API
 * (dead code replaced by nop...athrow, as the API does): when HotSpot accepts that, it rejected the
 * mutant for its frames alone (missing, stale, edited, or typing dead code), which SingJ never reads.
 * When the API cannot compute frames (it finds the code inconsistent), the frames are not the only fault.
 */
final class FramesRecomputed {
    private FramesRecomputed() {}

    /**
     * HotSpot's verdict on the recomputed class, or null when no frames could be computed. A class
     * below version 50 is raised to 52 first, so that HotSpot's type checker (which names the types
     * it finds wrong) judges it rather than its inference verifier.
     */
    static HotSpotJudge.Verdict judge(Source source, String name, byte[] bytes) {
        byte[] recomputed;
        try {
            // generate, not "when required": the API asks the version the class had before the transform
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(source.resolver()),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            var model = classFile.parse(bytes);
            int version = Math.max(52, model.majorVersion());
            ClassTransform atVersion = (b, e) -> {
                if (e instanceof java.lang.classfile.ClassFileVersion) {
                    b.withVersion(version, 0);
                } else {
                    b.with(e);
                }
            };
            recomputed = classFile.transformClass(model,
                    atVersion.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | IndexOutOfBoundsException e) {
            return null;
        }
        return HotSpotJudge.judge(source, name, recomputed);
    }
}
