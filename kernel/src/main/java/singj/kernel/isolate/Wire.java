package singj.kernel.isolate;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.ContractViolationException;
import singj.abi.DeviceException;
import singj.abi.Endpoint;
import singj.abi.ExchangeHeapException;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.QuotaExceededException;

/**
 * What a process SIP and its kernel say to each other over one connection (docs/isolation.md):
 * frames of {@code [int length][op][fields]}, a request from the child answered by one reply from
 * the kernel. Both sides use this class; only the kernel's side must assume the other lies, and
 * every read here is bounded so that it can: a frame longer than {@link #MAX_FRAME}, a string
 * longer than what is left of its frame, a field that is not what its record declares, all throw
 * {@link WireException}, which the kernel treats as a violation by the SIP.
 */
final class Wire {
    /** The longest frame either side accepts: a message with a string of a few MiB fits. */
    static final int MAX_FRAME = 16 << 20;

    // requests (child to kernel)
    static final byte HELLO = 1;
    static final byte NEW_CHANNEL = 2;
    static final byte OPEN = 3;
    static final byte REGISTER = 4;
    static final byte ACCEPT = 5;
    static final byte SERVICE_CLOSE = 6;
    static final byte START_ENDPOINT = 7;
    static final byte SEND = 8;
    static final byte RECEIVE = 9;
    static final byte SELECT = 10;
    static final byte CLOSE = 11;
    static final byte IS_OPEN = 12;
    static final byte STATE = 13;
    static final byte ALLOCATE = 14;
    static final byte FREE = 15;
    /** The child has mapped its window: the kernel deletes the window's file. */
    static final byte MAPPED = 16;
    /** The child starts using lane {@code n} of its lanes ({@link Lane}): the kernel serves it from now on. */
    static final byte LANE = 17;
    /** The reply of lane {@code n} that was too long for the lane. */
    static final byte FETCH = 18;

    // replies
    static final byte OK = 0;
    static final byte REFUSED = 1;

    // field tags of a message
    private static final byte NULL = 'N';
    private static final byte STRING = 'T';
    private static final byte BLOCK = 'K';
    private static final byte ENDPOINT = 'E';

    private Wire() {}

    /** A frame being written. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final DataOutputStream data = new DataOutputStream(bytes);

        Out(byte op) {
            putByte(op);
        }

        /** A frame made before, sent as it is. */
        static Out of(byte[] frame) {
            Out out = new Out(frame[0]);
            out.bytes.write(frame, 1, frame.length - 1);
            return out;
        }

        Out putByte(int value) {
            try {
                data.writeByte(value);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            return this;
        }

        Out putBoolean(boolean value) {
            return putByte(value ? 1 : 0);
        }

        Out putInt(int value) {
            try {
                data.writeInt(value);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            return this;
        }

        Out putLong(long value) {
            try {
                data.writeLong(value);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            return this;
        }

        Out putString(String value) {
            return putBytes(value.getBytes(StandardCharsets.UTF_8));
        }

        Out putBytes(byte[] value) {
            putInt(value.length);
            bytes.writeBytes(value);
            return this;
        }

        int size() {
            return bytes.size();
        }

        /** The frame's bytes, without the length that precedes them on a socket. */
        byte[] frame() {
            if (bytes.size() > MAX_FRAME) {
                throw new IllegalArgumentException("a frame of " + bytes.size() + " bytes is over the wire's limit of " + MAX_FRAME);
            }
            return bytes.toByteArray();
        }

        /** Writes the frame and flushes. */
        void send(OutputStream out) throws IOException {
            byte[] frame = frame();
            DataOutputStream header = new DataOutputStream(out);
            header.writeInt(frame.length);
            out.write(frame);
            out.flush();
        }
    }

    /** A frame being read: every read checks that the frame holds it. */
    static final class In {
        private final byte[] frame;
        private int at;

        private In(byte[] frame) {
            this.frame = frame;
        }

        /** A frame that came another way than a socket (a {@link Lane}): its length is the array's. */
        static In of(byte[] frame) {
            if (frame.length == 0) {
                throw new WireException("an empty frame");
            }
            return new In(frame);
        }

        /** The next frame; EOFException if the connection ended between frames. */
        static In receive(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length <= 0 || length > MAX_FRAME) {
                throw new WireException("a frame of " + length + " bytes (at most " + MAX_FRAME + ")");
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            return new In(frame);
        }

        private void need(int bytes) {
            if (bytes < 0 || frame.length - at < bytes) {
                throw new WireException("a frame of " + frame.length + " bytes ends before its fields do");
            }
        }

        byte getByte() {
            need(1);
            return frame[at++];
        }

        boolean getBoolean() {
            byte value = getByte();
            if (value != 0 && value != 1) {
                throw new WireException("a boolean of " + value);
            }
            return value == 1;
        }

        int getInt() {
            need(4);
            int value = (frame[at] & 0xff) << 24 | (frame[at + 1] & 0xff) << 16 | (frame[at + 2] & 0xff) << 8 | frame[at + 3] & 0xff;
            at += 4;
            return value;
        }

        long getLong() {
            return (long) getInt() << 32 | getInt() & 0xffffffffL;
        }

        byte[] getBytes() {
            int length = getInt();
            need(length);
            byte[] value = java.util.Arrays.copyOfRange(frame, at, at + length);
            at += length;
            return value;
        }

        String getString() {
            int length = getInt();
            need(length);
            String value = new String(frame, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }

        /** A count of things to follow, each at least one byte long: never more than the frame can hold. */
        int getCount() {
            int count = getInt();
            need(count);
            return count;
        }

        /** After the last field: a frame with bytes left over is malformed. */
        void end() {
            if (at != frame.length) {
                throw new WireException("a frame with " + (frame.length - at) + " bytes after its last field");
            }
        }
    }

    // ---- messages --------------------------------------------------------------------------

    /** How each side writes and reads the blocks and endpoints in a message: as its own numbers. */
    interface Handles {
        void putBlock(Out out, Block block);

        void putEndpoint(Out out, Endpoint<?> endpoint);

        Block getBlock(In in);

        Endpoint<?> getEndpoint(In in);
    }

    /** A message record's canonical constructor and accessors, found once per class. */
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private record RecordShape(Class<?>[] types, MethodHandle constructor, MethodHandle[] accessors) {
        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null || !Message.class.isAssignableFrom(type)) {
                throw new WireException(type.getName() + " is not a message record");
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                Class<?>[] types = new Class<?>[components.length];
                MethodHandle[] accessors = new MethodHandle[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.genericMethodType(1));
                }
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                        .asSpreader(Object[].class, types.length).asType(MethodType.methodType(Object.class, Object[].class));
                return new RecordShape(types, constructor, accessors);
            } catch (ReflectiveOperationException e) {
                throw new WireException(type.getName() + " cannot be read as a message: " + e);
            }
        }
    }

    /** Writes {@code message}: its class's binary name, then each field by its type. */
    static void putMessage(Out out, Message message, Handles handles) {
        RecordShape shape = SHAPES.get(message.getClass());
        out.putString(message.getClass().getName());
        out.putInt(shape.types().length);
        for (int i = 0; i < shape.types().length; i++) {
            Object value;
            try {
                value = (Object) shape.accessors()[i].invokeExact((Object) message);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + message.getClass().getName(), e);
            }
            Class<?> type = shape.types()[i];
            switch (value) {
                case null -> out.putByte(NULL);
                case String text -> out.putByte(STRING).putString(text);
                case Block block -> {
                    out.putByte(BLOCK);
                    handles.putBlock(out, block);
                }
                case Endpoint<?> endpoint -> {
                    out.putByte(ENDPOINT);
                    handles.putEndpoint(out, endpoint);
                }
                default -> putPrimitive(out, type, value);
            }
        }
    }

    private static void putPrimitive(Out out, Class<?> type, Object value) {
        out.putByte(tag(type));
        switch (value) {
            case Integer v -> out.putInt(v);
            case Long v -> out.putLong(v);
            case Double v -> out.putLong(Double.doubleToRawLongBits(v));
            case Float v -> out.putInt(Float.floatToRawIntBits(v));
            case Short v -> out.putInt(v);
            case Character v -> out.putInt(v);
            case Byte v -> out.putInt(v);
            case Boolean v -> out.putInt(v ? 1 : 0);
            default -> throw new IllegalStateException("a message field of " + type.getName());
        }
    }

    /** The tag of a primitive type: its descriptor letter. */
    private static byte tag(Class<?> type) {
        return (byte) type.descriptorString().charAt(0);
    }

    /**
     * Reads a message whose class {@code resolve} finds by name (null: not a message here), each
     * field checked against the type its record declares.
     */
    static Message getMessage(In in, java.util.function.Function<String, Class<?>> resolve, Handles handles) {
        String name = in.getString();
        Class<?> type = resolve.apply(name);
        if (type == null) {
            throw new WireException("a message of class " + name + ", which is not one here");
        }
        RecordShape shape = SHAPES.get(type);
        int count = in.getInt();
        if (count != shape.types().length) {
            throw new WireException("a " + name + " with " + count + " fields, not " + shape.types().length);
        }
        Object[] fields = new Object[count];
        for (int i = 0; i < count; i++) {
            Class<?> declared = shape.types()[i];
            byte tag = in.getByte();
            fields[i] = switch (tag) {
                case NULL -> {
                    if (declared.isPrimitive()) {
                        throw new WireException("a null for field " + i + " of " + name + ", a " + declared);
                    }
                    yield null;
                }
                case STRING -> expect(declared, String.class, name, i, in.getString());
                case BLOCK -> expect(declared, Block.class, name, i, handles.getBlock(in));
                case ENDPOINT -> expect(declared, Endpoint.class, name, i, handles.getEndpoint(in));
                default -> getPrimitive(in, tag, declared, name, i);
            };
        }
        try {
            return (Message) (Object) shape.constructor().invokeExact(fields);
        } catch (Throwable e) {
            throw new WireException("cannot make a " + name + ": " + e);
        }
    }

    private static Object expect(Class<?> declared, Class<?> sent, String name, int field, Object value) {
        if (declared != sent) {
            throw new WireException("a " + sent.getSimpleName() + " for field " + field + " of " + name + ", a " + declared.getName());
        }
        return value;
    }

    private static Object getPrimitive(In in, byte tag, Class<?> declared, String name, int field) {
        if (!declared.isPrimitive() || tag(declared) != tag) {
            throw new WireException("a field tagged " + (char) tag + " for field " + field + " of " + name + ", a " + declared.getName());
        }
        return switch (tag) {
            case 'I' -> in.getInt();
            case 'J' -> in.getLong();
            case 'D' -> Double.longBitsToDouble(in.getLong());
            case 'F' -> Float.intBitsToFloat(in.getInt());
            case 'S' -> (short) in.getInt();
            case 'C' -> (char) in.getInt();
            case 'B' -> (byte) in.getInt();
            case 'Z' -> in.getInt() != 0;
            default -> throw new WireException("a field tagged " + (char) tag);
        };
    }

    // ---- refusals: the kernel's exception, rethrown in the child's thread ---------------------

    /** A reply that carries the exception the kernel's call threw, as the child must rethrow it. */
    static Out refusal(RuntimeException refused) {
        Out out = new Out(REFUSED).putString(refused.getClass().getName()).putString(String.valueOf(refused.getMessage()));
        if (refused instanceof QuotaExceededException quota) {
            out.putString(quota.quota()).putLong(quota.limit());
        } else if (refused instanceof DeviceException device) {
            out.putBoolean(device.closed());
        }
        return out;
    }

    /** The exception of a refusal, of the same class the kernel's call threw (those a SIP can meet in-process). */
    static RuntimeException refused(In in) {
        String kind = in.getString();
        String message = in.getString();
        return switch (kind) {
            case "singj.abi.ContractViolationException" -> new ContractViolationException(message);
            case "singj.abi.ChannelClosedException" -> new ChannelClosedException(message);
            case "singj.abi.ExchangeHeapException" -> new ExchangeHeapException(message);
            case "singj.abi.NameServiceException" -> new NameServiceException(message);
            case "singj.abi.QuotaExceededException" -> new QuotaExceededException(in.getString(), in.getLong(), message);
            case "singj.abi.DeviceException" -> new DeviceException(message, in.getBoolean());
            case "java.lang.IllegalArgumentException" -> new IllegalArgumentException(message);
            case "java.lang.IndexOutOfBoundsException" -> new IndexOutOfBoundsException(message);
            case "java.lang.NullPointerException" -> new NullPointerException(message);
            default -> new IllegalStateException(message);
        };
    }

    /** Reads one frame, or null if the connection ended cleanly between frames. */
    static In receiveOrEnd(DataInputStream in) throws IOException {
        try {
            return In.receive(in);
        } catch (EOFException ended) {
            return null;
        }
    }
}
