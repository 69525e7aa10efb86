package singj.kernel.ipc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import singj.abi.Block;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;

/**
 * A contract as the kernel runs it: its checked state machine, its message classes (loaded once
 * for the whole kernel, so a message is the same object for sender and receiver), and for the
 * messages that carry blocks or endpoints, how to take them apart and put them together again
 * with the receiver's own handles.
 */
public final class ContractType {
    /**
     * Each contract interface's type, computed once and kept with the class itself: a map in the
     * kernel would keep every contract's classes loaded for ever, after the last SIP that spoke
     * it ended ({@link Contracts}).
     */
    private static final ClassValue<ContractType> TYPES = new ClassValue<>() {
        @Override
        protected ContractType computeValue(Class<?> contract) {
            return read(contract);
        }
    };

    /** A String object without its characters: header, hash, coder, flag and the array's reference, rounded up. */
    private static final long STRING_BYTES = 32;

    private final Class<?> contract;
    private final ContractSpec spec;
    private final Class<?>[] messageClasses;
    /** For each message: the canonical constructor and accessors when it carries handles, else null. */
    private final MethodHandle[][] handleCarriers;
    /** For each message: what it costs in a queue, but its strings ({@link #queuedBytes}). */
    private final long[] fixedBytes;
    /** For each message: the accessors of its String fields, as (Object)Object. */
    private final MethodHandle[][] stringFields;

    private ContractType(Class<?> contract, ContractSpec spec, Class<?>[] messageClasses, MethodHandle[][] carriers) {
        this.contract = contract;
        this.spec = spec;
        this.messageClasses = messageClasses;
        this.handleCarriers = carriers;
        this.fixedBytes = new long[messageClasses.length];
        this.stringFields = new MethodHandle[messageClasses.length][];
        for (int m = 0; m < messageClasses.length; m++) {
            fixedBytes[m] = fixedBytes(messageClasses[m]);
            stringFields[m] = stringFields(messageClasses[m]);
        }
    }

    /**
     * The kernel's view of contract interface {@code contract}.
     *
     * @throws ContractException if it is not a contract, or a broken one
     */
    public static ContractType of(Class<?> contract) {
        return TYPES.get(contract);
    }

    private static ContractType read(Class<?> contract) {
        Contract declared = contract.getAnnotation(Contract.class);
        if (declared == null) {
            throw new ContractException(contract.getName(), List.of("it is not annotated @Contract"));
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> nested : messagesOf(contract)) {
            List<String> types = new ArrayList<>();
            for (RecordComponent component : nested.getRecordComponents()) {
                types.add(component.getType().descriptorString());
            }
            fields.put(nested.getSimpleName(), types);
            classes.add(nested);
        }
        ContractSpec spec = ContractSpec.parse(contract.getName(), List.of(declared.value()), fields);
        MethodHandle[][] carriers = new MethodHandle[classes.size()][];
        for (int m = 0; m < classes.size(); m++) {
            carriers[m] = carrier(classes.get(m));
        }
        return new ContractType(contract, spec, classes.toArray(Class<?>[]::new), carriers);
    }

    /** The records nested in {@code contract} that implement {@link Message}, in declaration order. */
    static List<Class<?>> messagesOf(Class<?> contract) {
        List<Class<?>> messages = new ArrayList<>();
        for (Class<?> nested : contract.getDeclaredClasses()) {
            if (nested.isRecord() && Message.class.isAssignableFrom(nested)) {
                messages.add(nested);
            }
        }
        // getDeclaredClasses has no defined order; the class file's nest order is declaration order
        List<Class<?>> nest = Arrays.asList(contract.getNestMembers());
        messages.sort((a, b) -> Integer.compare(nest.indexOf(a), nest.indexOf(b)));
        return messages;
    }

    /** [constructor, accessor...] for a record with a block or endpoint field; null if it has none. */
    private static MethodHandle[] carrier(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        if (Arrays.stream(components).noneMatch(c -> isHandle(c.getType()))) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(record, MethodHandles.lookup());
            MethodHandle[] handles = new MethodHandle[components.length + 1];
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            // adapted once to (Object[])Object and (Object)Object, so that each call is an invokeExact
            handles[0] = lookup.findConstructor(record, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length).asType(MethodType.methodType(Object.class, Object[].class));
            for (int i = 0; i < components.length; i++) {
                handles[i + 1] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.genericMethodType(1));
            }
            return handles;
        } catch (ReflectiveOperationException e) {
            throw new ContractException(record.getName(), List.of("its fields cannot be read: " + e));
        }
    }

    /**
     * The heap a message of class {@code record} holds, but its strings, at most: an object header
     * and each field at its widest (a reference of 8 bytes, as without compressed pointers),
     * rounded up to 8; and for each endpoint it carries, the kernel's end that travels with it
     * ({@link Holdings.KernelCharges#END_BYTES}), which its sender no longer pays for.
     */
    private static long fixedBytes(Class<?> record) {
        long bytes = 16;
        long carried = 0;
        for (RecordComponent component : record.getRecordComponents()) {
            Class<?> type = component.getType();
            bytes += type == long.class || type == double.class || !type.isPrimitive() ? 8
                    : type == int.class || type == float.class ? 4 : type == boolean.class || type == byte.class ? 1 : 2;
            if (type == Endpoint.class) {
                carried += Holdings.KernelCharges.END_BYTES;
            }
        }
        return align(bytes) + carried;
    }

    private static MethodHandle[] stringFields(Class<?> record) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(record, MethodHandles.lookup());
            List<MethodHandle> accessors = new ArrayList<>();
            for (RecordComponent component : record.getRecordComponents()) {
                if (component.getType() == String.class) {
                    accessors.add(lookup.unreflect(component.getAccessor()).asType(MethodType.genericMethodType(1)));
                }
            }
            return accessors.toArray(MethodHandle[]::new);
        } catch (ReflectiveOperationException e) {
            throw new ContractException(record.getName(), List.of("its fields cannot be read: " + e));
        }
    }

    /**
     * What message {@code message} of class {@code index} holds while it waits in a queue, at
     * most: {@link #fixedBytes}, and each string as if its characters took two bytes (a string of
     * Latin-1 characters takes one; which a string holds is the JDK's secret, and an upper bound
     * keeps the charge sound).
     */
    long queuedBytes(int index, Message message) {
        long bytes = fixedBytes[index];
        MethodHandle[] strings = stringFields[index];
        try {
            for (MethodHandle accessor : strings) {
                String string = (String) (Object) accessor.invokeExact((Object) message);
                if (string != null) {
                    bytes += STRING_BYTES + align(16 + 2L * string.length());
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + message.getClass().getName(), e);
        }
        return bytes;
    }

    /**
     * What stands for {@code message} in its receiver's estimate ({@link Holdings#received}): its
     * longest string, which a receiver may keep without the record; the record if it has none.
     */
    Object largestPart(int index, Message message) {
        MethodHandle[] strings = stringFields[index];
        Object largest = message;
        int longest = -1;
        try {
            for (MethodHandle accessor : strings) {
                String string = (String) (Object) accessor.invokeExact((Object) message);
                if (string != null && string.length() > longest) {
                    largest = string;
                    longest = string.length();
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + message.getClass().getName(), e);
        }
        return largest;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    static boolean isHandle(Class<?> type) {
        return type == Block.class || type == Endpoint.class;
    }

    public String name() {
        return contract.getName();
    }

    public Class<?> contractClass() {
        return contract;
    }

    public ContractSpec spec() {
        return spec;
    }

    /** The index of {@code message}'s class among this contract's messages, or -1. */
    public int indexOf(Class<?> message) {
        Class<?>[] classes = messageClasses;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == message) {
                return i;
            }
        }
        return -1;
    }

    /** The message class of this contract whose binary name is {@code name}, or null if it has none. */
    public Class<?> messageNamed(String name) {
        for (Class<?> message : messageClasses) {
            if (message.getName().equals(name)) {
                return message;
            }
        }
        return null;
    }

    /** Whether message {@code index} carries blocks or endpoints, which move with it. */
    public boolean carriesHandles(int index) {
        return handleCarriers[index] != null;
    }

    /** The fields of {@code message} (of a message that carries handles). */
    public Object[] fields(int index, Message message) {
        MethodHandle[] carrier = handleCarriers[index];
        Object[] fields = new Object[carrier.length - 1];
        try {
            for (int i = 0; i < fields.length; i++) {
                fields[i] = (Object) carrier[i + 1].invokeExact((Object) message);
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + message.getClass().getName(), e);
        }
        return fields;
    }

    /** A message of class {@code index} made of {@code fields}. */
    public Message rebuild(int index, Object[] fields) {
        try {
            return (Message) (Object) handleCarriers[index][0].invokeExact(fields);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot rebuild a " + messageClasses[index].getName(), e);
        }
    }
}
