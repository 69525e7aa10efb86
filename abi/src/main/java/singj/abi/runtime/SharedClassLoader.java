package singj.abi.runtime;

/**
 * Marks a class loader whose classes every SIP shares (the kernel's loader of contract classes):
 * their instances (messages) and {@code Class} objects can be reached by more than one SIP.
 */
public interface SharedClassLoader {}
