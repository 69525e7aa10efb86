package singj.abi.runtime;

/**
 * Marks a class loader whose classes belong to one SIP (the kernel's loader of a SIP): their
 * {@code Class} objects are that SIP's own, so it may lock, wait on and hash them like any object
 * it created.
 */
public interface PrivateClassLoader {
    /** The SIP these classes belong to, as its copy of {@link SipGlue} sees it. */
    SipContext context();

    /**
     * The bytes of the program's resource {@code name} (a jar entry's name, {@code data/words.txt}),
     * or {@code null}: the whole of what {@link ResourceCalls} reads. Shared by every SIP of the
     * program, so never written.
     */
    byte[] resource(String name);
}
