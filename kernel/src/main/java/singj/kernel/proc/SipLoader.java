package singj.kernel.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;
import singj.abi.Sip;
import singj.abi.runtime.PrivateClassLoader;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.SipGlue;
import singj.kernel.SealedProgram;
import singj.kernel.ipc.Contracts;

/**
 * The class loader of one SIP. It defines the program's sealed classes and its own copies of
 * the per-SIP ABI classes, so that static state belongs to exactly one SIP; it resolves
 * everything else only from the JDK's platform classes and the shared ABI, so that a SIP cannot
 * even name the kernel. When the SIP dies this loader becomes unreachable, and with it every
 * class and static field of the SIP.
 *
 * <p>The SIP's copy of {@link SipGlue} is defined when its code first uses it, not at spawn (it
 * takes the SIP's context from this loader as it initialises): defining and linking it cost
 * ~150-200 µs of a SIP's start (measured with phase timestamps in {@code Kernel.spawn}: the whole
 * spawn-to-reap of {@code exit0} was ~400 µs), and a program whose code never reaches a kill check or an
 * allocation site (the {@code exit0} of the process-create benchmark) never needs it. A kill
 * before that finds no copy to flag; a copy defined after it starts out killed.
 */
public final class SipLoader extends ClassLoader implements PrivateClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** ABI classes that hold or reach per-SIP state: each SIP gets its own copy. */
    static final Set<String> PER_SIP_CLASSES = Set.of(SipGlue.class.getName(), Sip.class.getName());
    private static final Map<String, byte[]> PER_SIP_CLASS_BYTES = readPerSipClasses();
    private static final String GLUE = SipGlue.class.getName();
    private static final MethodType NO_ARGUMENTS = MethodType.methodType(void.class);
    private static final ClassLoader SHARED_ABI = SipGlue.class.getClassLoader();
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final Map<String, byte[]> programClasses;
    private final Map<String, byte[]> resources;
    /** The loader of each contract class the program brings: its contract's definition, shared by every SIP that brings the same. */
    private final Map<String, ClassLoader> contracts;
    private final SipContext context;
    /** The names each class links to, read once per kernel. */
    private final LinkedNames links;
    /** Held while it defines one of its own classes (see {@link #loadClass}). */
    private final Object defining = new Object();
    /** This SIP's copy of {@link SipGlue}, once it is defined. */
    private volatile Class<?> glue;
    /** Its {@code kill} and {@code preempt}, once first called (a race looks one up twice, harmlessly). */
    private volatile MethodHandle glueKill;
    private volatile MethodHandle gluePreempt;

    public SipLoader(SealedProgram program, Contracts kernelContracts, SipContext context) {
        this(program, kernelContracts, context, new LinkedNames());
    }

    SipLoader(SealedProgram program, Contracts kernelContracts, SipContext context, LinkedNames links) {
        super(null); // unnamed, so that stack traces print as they do under `java`
        this.links = links;
        this.programClasses = program.classes();
        this.resources = program.resources();
        this.context = context;
        Set<String> declared = program.manifest().contracts();
        if (declared.isEmpty()) {
            this.contracts = Map.of();
        } else {
            Map<String, byte[]> classes = new java.util.HashMap<>();
            declared.forEach(name -> classes.put(name, programClasses.get(name)));
            this.contracts = kernelContracts.loadersFor(classes);
        }
    }

    @Override
    public SipContext context() {
        return context;
    }

    @Override
    public byte[] resource(String name) {
        return resources.get(name);
    }

    /**
     * Only the classes it defines take a lock, one for them all ({@link #defining}): a name it
     * hands to another loader needs none, since that loader locks for itself. (The JDK's lock per
     * class name kept a lock object and an entry of its lock map, for the loader's life, for each
     * of the ~26 names an idle SIP's loader is asked for.) One SIP's threads rarely define classes
     * at the same moment, so one lock costs them nothing; the loader stays parallel-capable, so
     * the JVM never holds its monitor while it calls in.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Class<?> type = locate(name);
        if (resolve) {
            resolveClass(type);
        }
        return type;
    }

    private Class<?> locate(String name) throws ClassNotFoundException {
        byte[] own = PER_SIP_CLASS_BYTES.get(name); // never shadowed by a program class
        if (own != null) {
            return define(name, own);
        }
        ClassLoader contract = contracts.get(name);
        if (contract != null) {
            return contract.loadClass(name); // one class for every SIP whose program brings the same contract
        }
        byte[] program = programClasses.get(name);
        if (program != null) {
            return define(name, program);
        }
        if (name.startsWith("singj.abi.")) {
            return SHARED_ABI.loadClass(name);
        }
        return PLATFORM.loadClass(name); // JDK classes only: the kernel is not visible
    }

    private Class<?> define(String name, byte[] bytes) {
        synchronized (defining) {
            Class<?> type = findLoadedClass(name);
            if (type != null) {
                return type;
            }
            resolveAhead(bytes);
            type = defineClass(name, bytes, 0, bytes.length);
            if (name.equals(GLUE)) {
                armSwitches(type);
            }
            return type;
        }
    }

    /**
     * Makes this loader the initiating loader of every class that {@code bytes} names in a
     * signature and another loader defines, before the class is defined and its code links: the
     * JVM then needs no loader constraint for those names, whose lists grow with every SIP alive
     * ({@link LinkedNames}). A name no loader here can find is dropped from the class's list.
     */
    private void resolveAhead(byte[] bytes) {
        for (String name : links.of(bytes)) {
            if (PER_SIP_CLASS_BYTES.containsKey(name) || programClasses.containsKey(name) && !contracts.containsKey(name)) {
                continue; // defined here, when first used
            }
            try {
                Class.forName(name, false, this);
            } catch (ClassNotFoundException | LinkageError absent) {
                links.forget(bytes, name); // linking reports it, if the code ever reaches it
            }
        }
    }

    /**
     * Lets a kill reach the SIP's fresh copy of {@link SipGlue}. Its switches are looked up when
     * first thrown, not here: most SIPs are never killed while running and never preempted, and
     * the two method handles were ~0.3 KiB of every idle SIP.
     */
    private void armSwitches(Class<?> copy) {
        glue = copy;
        // after publishing the copy (both volatile): a kill either finds the copy (killGlue) or
        // has already made stopping() true here
        if (context.stopping()) {
            killGlue();
        }
    }

    /**
     * Raises the kill flag of the SIP's copy of {@link SipGlue}, if its code has used it yet.
     * Called after the SIP is marked as stopping, so that a copy defined later starts out killed.
     */
    void killGlue() {
        Class<?> copy = glue;
        if (copy != null) {
            MethodHandle kill = glueKill;
            if (kill == null) {
                glueKill = kill = findSwitch(copy, "kill");
            }
            call(kill);
        }
    }

    /** Asks the SIP's threads to yield their carriers at their next kill check, if its code has run any. */
    void preemptGlue() {
        Class<?> copy = glue;
        if (copy != null) {
            MethodHandle preempt = gluePreempt;
            if (preempt == null) {
                gluePreempt = preempt = findSwitch(copy, "preempt");
            }
            call(preempt);
        }
    }

    private static MethodHandle findSwitch(Class<?> copy, String name) {
        try {
            return MethodHandles.publicLookup().findStatic(copy, name, NO_ARGUMENTS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the SIP runtime has no " + name + " switch: " + e, e);
        }
    }

    /** Calls one of the SIP's {@code SipGlue} switches: they take nothing and throw nothing. */
    private static void call(MethodHandle glueSwitch) {
        try {
            glueSwitch.invokeExact();
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Whether this loader has defined or found {@code name} (for tests). */
    boolean isDefined(String name) {
        return findLoadedClass(name) != null;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }

    private static Map<String, byte[]> readPerSipClasses() {
        var bytes = new java.util.HashMap<String, byte[]>();
        for (String name : PER_SIP_CLASSES) {
            String resource = "/" + name.replace('.', '/') + ".class";
            try (InputStream in = SipGlue.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the ABI jar lacks " + resource);
                }
                bytes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(bytes);
    }
}
