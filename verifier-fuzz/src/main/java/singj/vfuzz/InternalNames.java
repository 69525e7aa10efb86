package singj.vfuzz;

import java.lang.constant.ClassDesc;

final class InternalNames {
    private InternalNames() {}

    /** {@code java/lang/String} for {@code Ljava/lang/String;}; arrays keep their descriptor, as in a Class entry. */
    static String internal(ClassDesc desc) {
        String d = desc.descriptorString();
        return d.startsWith("L") ? d.substring(1, d.length() - 1) : d;
    }

    static ClassDesc desc(String internalName) {
        return internalName.startsWith("[") ? ClassDesc.ofDescriptor(internalName)
                : ClassDesc.ofInternalName(internalName);
    }
}
