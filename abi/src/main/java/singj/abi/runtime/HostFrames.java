package singj.abi.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Removes the kernel's frames from the stack traces a SIP looks at. A SIP's main thread starts in
 * the kernel ({@code singj.kernel.proc.Proc.runMain} on a virtual thread), where under {@code java} it
 * starts in the launcher, which shows no frame below {@code main}. So that a program printing its
 * own stack traces prints what it prints under {@code java}, the frames from the first kernel
 * frame downwards (and the method-handle frames that call into {@code main} above it) are cut.
 * Traces that never pass through the kernel, such as those of the SIP's own threads, are kept whole.
 */
public final class HostFrames {
    private static final String KERNEL = "singj.kernel.";
    private static final String INVOKE = "java.lang.invoke.";

    private HostFrames() {}

    /** Cuts the kernel's frames from {@code throwable}, its causes and its suppressed exceptions. */
    public static <T extends Throwable> T hide(T throwable) {
        hide(throwable, Collections.newSetFromMap(new IdentityHashMap<>()));
        return throwable;
    }

    private static void hide(Throwable throwable, Set<Throwable> seen) {
        if (throwable == null || !seen.add(throwable)) {
            return;
        }
        StackTraceElement[] frames = throwable.getStackTrace();
        int keep = firstKernelFrame(frames);
        while (keep > 0 && frames[keep - 1].getClassName().startsWith(INVOKE)) {
            keep--;
        }
        if (keep > 0 && keep < frames.length) {
            throwable.setStackTrace(Arrays.copyOf(frames, keep));
        }
        hide(throwable.getCause(), seen);
        for (Throwable suppressed : throwable.getSuppressed()) {
            hide(suppressed, seen);
        }
    }

    private static int firstKernelFrame(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(KERNEL)) {
                return i;
            }
        }
        return frames.length;
    }
}
