package singj.kernel.isolate;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import singj.kernel.host.ExitFiles;

/**
 * A process SIP's shared-memory window (docs/isolation.md): a file in {@code /dev/shm} mapped by
 * the kernel and by the child. The kernel deletes the file once the child has mapped it, so that
 * it lives only as the two mappings; its memory goes back when both are gone.
 */
final class Window {
    /** Where windows are made: tmpfs, so that the file is memory and sparse. */
    static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private final Path file;
    private final ExitFiles exitFiles;
    private final Arena arena;
    private final MemorySegment memory;

    private Window(Path file, ExitFiles exitFiles, Arena arena, MemorySegment memory) {
        this.file = file;
        this.exitFiles = exitFiles;
        this.arena = arena;
        this.memory = memory;
    }

    /**
     * A new window of {@code bytes}, mapped here; its file stays until {@link #unlink}, or until
     * the JVM exits ({@code exitFiles}).
     */
    static Window create(String name, long bytes, ExitFiles exitFiles) throws IOException {
        Path file = Files.createTempFile(SHARED_MEMORY, name, ".window");
        exitFiles.hold(file);
        Arena arena = Arena.ofShared();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); FileChannel channel = raf.getChannel()) {
            raf.setLength(bytes);
            return new Window(file, exitFiles, arena, channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena));
        } catch (IOException | RuntimeException e) {
            // a kill's interrupt can end the map after it mapped (ClosedByInterruptException): the mapping goes too
            arena.close();
            Files.deleteIfExists(file);
            exitFiles.release(file);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    MemorySegment memory() {
        return memory;
    }

    /** Deletes the file: the mappings stay; nothing is left in /dev/shm. */
    void unlink() {
        try {
            Files.deleteIfExists(file);
            exitFiles.release(file);
        } catch (IOException e) {
            System.err.println("singj: kernel: cannot delete the window " + file + ": " + e);
        }
    }

    /** Unmaps the kernel's mapping (every block in it must be free). */
    void unmap() {
        unlink();
        arena.close();
    }

    // ---- the child's mapping ---------------------------------------------------------------

    private static final int O_RDWR = 2;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED = 1;

    /**
     * The child maps {@code file} ({@code bytes} long), at {@code hint} (the kernel's address) if
     * its address space has it free, so that a block's address is the same on both sides; the
     * mapping lives as long as the child.
     */
    static MemorySegment mapInChild(Path file, long bytes, long hint) {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena scratch = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(scratch.allocateFrom(file.toString()), O_RDWR);
            if (fd < 0) {
                throw new IllegalStateException("cannot open the window " + file);
            }
            MemorySegment mapped = (MemorySegment) mmap.invokeExact(MemorySegment.ofAddress(hint), bytes, PROT_READ_WRITE,
                    MAP_SHARED, fd, 0L);
            int closed = (int) close.invokeExact(fd);
            if (mapped.address() == -1L || closed != 0) {
                throw new IllegalStateException("cannot map the window " + file);
            }
            return mapped.reinterpret(bytes);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
