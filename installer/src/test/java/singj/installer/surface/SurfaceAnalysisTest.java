package singj.installer.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The surface analysis on a small JDK of its own: a package {@code fake} compiled by javac, beside
 * the real {@code java.lang} classes that decide which types can hold a shared object.
 */
class SurfaceAnalysisTest {
    private static final String SOURCES = """
            package fake;
            public class Sinks {
                public static native void openHostFile();
                public static native int pureNative(int x);
            }
            """;
    private static final String DEEP = """
            package fake;
            public class Deep {
                static void a() { b(); }
                static void b() { c(); }
                static void c() { Sinks.openHostFile(); }
            }
            """;
    private static final String API = """
            package fake;
            public class Api {
                public static int readsItsArgument(String s) { return s.length() + Sinks.pureNative(1); }
                public static void sinkThreeCallsDeep() { Deep.a(); }
                public static void locksWhatItIsGiven(Object lock, Runnable callback) {
                    synchronized (lock) { callback.run(); }
                }
                public static void locksItsOwnBuilder(StringBuilder own, Runnable callback) {
                    synchronized (own) { callback.run(); }
                }
                private void privateSink() { Sinks.openHostFile(); }
                public void callsAPrivateSinkOnThis() { privateSink(); }
                public static void reviewedCall() { Deep.c(); }
                public static Runnable makesALambdaThatReachesTheSink() { return () -> Sinks.openHostFile(); }
            }
            """;
    private static final String LOCK_KEEPER = """
            package fake;
            public abstract class LockKeeper {
                private final Object lock;
                protected LockKeeper(Object lock) { this.lock = lock; }
                protected LockKeeper() { this.lock = this; }
                public final void use() { synchronized (lock) { work(); } }
                protected abstract void work();
            }
            """;
    private static final String TYPED_KEEPER = """
            package fake;
            public abstract class TypedKeeper extends LockKeeper {
                protected TypedKeeper(StringBuilder lock) { super(lock); }
            }
            """;
    private static final String CACHE = """
            package fake;
            public class Cache {
                private static final Box SHARED = new Box();
                private static final String NAME = "cache";
                private static final Integer ONE = 1;
                private static int hits;
                private static Object last;
                public static void putsIntoTheSharedBox(Object v) { SHARED.set(v); }
                public static Object readsTheSharedBox() { return SHARED.get(); }
                public static void handsTheSharedBoxOn(Object v) { Helper.store(SHARED, v); }
                public static void handsTheSharedBoxToAReader() { Helper.read(SHARED); }
                public static void countsInAStaticField() { hits++; }
                public static int readsImmutableStatics(String s) { return NAME.length() + s.indexOf(NAME) + ONE.intValue(); }
                public static long loopsOverItsOwnArray(long[] numbers) {
                    long sum = 0;
                    for (long n : numbers) { sum += n; }
                    return sum;
                }
                public static void locksTheSharedBox() { synchronized (SHARED) { hits = 0; } }
                public static void storesIntoItsOwnObject(StringBuilder own) { own.append(NAME); }
                static { last = new Object(); }
            }
            """;
    private static final String HELPER = """
            package fake;
            class Helper {
                static void store(Box box, Object v) { box.set(v); }
                static Object read(Box box) { return box.get(); }
            }
            """;
    private static final String BOX = """
            package fake;
            public class Box {
                private Object value;
                public void set(Object v) { value = v; }
                public Object get() { return value; }
            }
            """;
    private static final String STEP = """
            package fake;
            public interface Step { void go(); }
            """;
    private static final String SAFE_STEP = """
            package fake;
            public class SafeStep implements Step { public void go() { } }
            """;
    private static final String HOST_STEP = """
            package fake;
            public class HostStep implements Step { public void go() { Deep.a(); } }
            """;
    private static final String STEPS = """
            package fake;
            public class Steps {
                // an array element: the analysis cannot tell its class, so the call is resolved over classes
                public static void runsAHostStepItMakes() { Step[] own = { new HostStep() }; own[0].go(); }
                public static void runsASafeStepItMakes() { Step[] own = { new SafeStep() }; own[0].go(); }
                public static void runsTheStepItIsGiven(Step given) { given.go(); }
                public static Step makesAHostStep() { return new HostStep(); }
            }
            """;
    private static final String SHAPE = """
            package fake;
            public abstract class Shape {
                public String describe() { return "a " + name(); }
                protected abstract String name();
            }
            """;
    private static final String CIRCLE = """
            package fake;
            public class Circle extends Shape { protected String name() { return "circle"; } }
            """;
    private static final String HOST_SHAPE = """
            package fake;
            public class HostShape extends Shape { protected String name() { Deep.a(); return "host"; } }
            """;
    private static final String SHAPES = """
            package fake;
            public class Shapes {
                public static String describesACircle() {
                    Shape other = new HostShape(); // created by this member's code, but describe() is not called on it
                    return new Circle().describe();
                }
                public static String describesAHostShape() { return new HostShape().describe(); }
            }
            """;
    private static final String HOLDER = """
            package fake;
            // package-private, made only by Holders with a SafeStep: its field holds only what the JDK stores there
            class Holder {
                private final Step step;
                Holder(Step step) { this.step = step; }
                void run() { step.go(); }
            }
            """;
    private static final String OPEN_HOLDER = """
            package fake;
            public final class OpenHolder {
                private Step step = new SafeStep();
                public void set(Step step) { this.step = step; } // a writer outside the JDK may store any step
                public void run() { step.go(); }
            }
            """;
    private static final String HANDLE_HOLDER = """
            package fake;
            import java.lang.invoke.MethodHandles;
            import java.lang.invoke.VarHandle;
            // its only putfield stores a SafeStep; a VarHandle stores a HostStep
            class HandleHolder {
                private static final VarHandle STEP;
                static {
                    try {
                        STEP = MethodHandles.lookup().findVarHandle(HandleHolder.class, "step", Step.class);
                    } catch (ReflectiveOperationException e) {
                        throw new ExceptionInInitializerError(e);
                    }
                }
                private Step step;
                HandleHolder(SafeStep step) { this.step = step; }
                void swap() { STEP.setVolatile(this, Steps.makesAHostStep()); }
                void run() { step.go(); }
            }
            """;
    private static final String HOLDERS = """
            package fake;
            public class Holders {
                public static void runsAHolderOfASafeStep() { new Holder(new SafeStep()).run(); }
                public static void runsAnOpenHolder() {
                    OpenHolder holder = new OpenHolder();
                    holder.set(new SafeStep()); // the JDK's own calls store SafeSteps only
                    holder.run();
                }
                public static void runsAHandleHolder() {
                    HandleHolder holder = new HandleHolder(new SafeStep());
                    holder.swap();
                    holder.run();
                }
            }
            """;
    private static final String REVIEWED = """
            native fake/Sinks.openHostFile   host-io    the test's host file
            native fake/Sinks.pureNative     pure       arithmetic
            native java/lang/Object.getClass pure       as the real reviewed.txt: Object's natives that act on the object
            native java/lang/Object.hashCode pure       as the real reviewed.txt
            native java/lang/Object.clone    pure       as the real reviewed.txt
            native java/lang/Object.notify   pure       as the real reviewed.txt
            native java/lang/Object.notifyAll pure      as the real reviewed.txt
            native java/lang/Object.wait0    pure       as the real reviewed.txt
            cut fake/Api.reviewedCall -> fake/Deep.c   reviewed in this test
            """;

    @TempDir
    static Path work;
    private static Map<String, ClassModel> classes;

    @BeforeAll
    static void compileTheFakeJdk() throws IOException {
        Path src = work.resolve("src/fake");
        Files.createDirectories(src);
        Map<String, String> files = Map.ofEntries(Map.entry("Sinks", SOURCES), Map.entry("Deep", DEEP), Map.entry("Api", API),
                Map.entry("LockKeeper", LOCK_KEEPER), Map.entry("TypedKeeper", TYPED_KEEPER), Map.entry("Cache", CACHE),
                Map.entry("Helper", HELPER), Map.entry("Box", BOX), Map.entry("Step", STEP), Map.entry("SafeStep", SAFE_STEP),
                Map.entry("HostStep", HOST_STEP), Map.entry("Steps", STEPS), Map.entry("Shape", SHAPE),
                Map.entry("Circle", CIRCLE), Map.entry("HostShape", HOST_SHAPE), Map.entry("Shapes", SHAPES),
                Map.entry("Holder", HOLDER), Map.entry("OpenHolder", OPEN_HOLDER), Map.entry("HandleHolder", HANDLE_HOLDER),
                Map.entry("Holders", HOLDERS));
        for (var file : files.entrySet()) {
            Files.writeString(src.resolve(file.getKey() + ".java"), file.getValue());
        }
        Path out = work.resolve("classes");
        String[] arguments = Stream.concat(Stream.of("-d", out.toString()),
                files.keySet().stream().map(name -> src.resolve(name + ".java").toString())).toArray(String[]::new);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments));
        classes = new HashMap<>();
        try (Stream<Path> compiled = Files.walk(out)) {
            for (Path file : compiled.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                classes.put(model.thisClass().asInternalName(), model);
            }
        }
        var jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (String real : List.of("java/lang/Object", "java/lang/String", "java/lang/CharSequence", "java/lang/Comparable",
                "java/lang/Class", "java/lang/Integer", "java/lang/Number", "java/lang/Enum", "java/io/Serializable")) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(jrt.getPath("/modules/java.base/" + real + ".class")));
            classes.put(real, model);
        }
    }

    private static SurfaceAnalysis analyse() throws IOException {
        Reviewed reviewed = Reviewed.parse(new ByteArrayInputStream(REVIEWED.getBytes(StandardCharsets.UTF_8)), "test");
        return new SurfaceAnalysis(new JdkClasses(classes), reviewed).run();
    }

    @Test
    void aSinkThreeCallsDeepIsFoundWithTheWayToIt() throws IOException {
        SurfaceAnalysis analysis = analyse();
        SurfaceAnalysis.Cause cause = analysis.proven("fake/Api.sinkThreeCallsDeep()V");
        assertNotNull(cause);
        assertEquals(Sink.HOST_IO, cause.sink());
        assertEquals(List.of("fake/Api.sinkThreeCallsDeep()V", "fake/Deep.a()V", "fake/Deep.b()V", "fake/Deep.c()V",
                "fake/Sinks.openHostFile()V"), analysis.chain("fake/Api.sinkThreeCallsDeep()V", 10));
    }

    @Test
    void perMemberAVirtualCallRunsOnlyTheClassesTheMembersOwnCodeCreates() throws IOException {
        SurfaceAnalysis analysis = analyse();
        EntryReach reach = new EntryReach(analysis);
        String host = "fake/Steps.runsAHostStepItMakes()V";
        String safe = "fake/Steps.runsASafeStepItMakes()V";
        String given = "fake/Steps.runsTheStepItIsGiven(Lfake/Step;)V";
        reach.searchAll(List.of(host, safe, given));
        reach.settle(analysis.unholdableCandidates());
        assertNull(analysis.proven(host), "an array element's class is not certain");
        EntryReach.Way way = reach.unsafe(host);
        assertNotNull(way, "it creates the HostStep whose go() is three calls from the sink");
        assertEquals(Sink.HOST_IO, way.sink());
        assertEquals(List.of(host, "fake/HostStep.go()V", "fake/Deep.a()V", "fake/Deep.b()V", "fake/Deep.c()V",
                "fake/Sinks.openHostFile()V"), way.steps());
        assertNotNull(analysis.cause(safe), "over every class the JDK creates, the element may be a HostStep");
        assertNull(reach.unsafe(safe), "its own code creates only a SafeStep");
        assertNull(analysis.cause(given), "the caller's step is the caller's own code");
        assertNull(reach.unsafe(given), "the caller's step is the caller's own code");
    }

    @Test
    void perMemberACallOnThisRunsOnlyTheOverridesOfTheReceiversClass() throws IOException {
        SurfaceAnalysis analysis = analyse();
        EntryReach reach = new EntryReach(analysis);
        String circle = "fake/Shapes.describesACircle()Ljava/lang/String;";
        String describe = "fake/Shape.describe()Ljava/lang/String;";
        reach.searchAll(List.of(circle, describe));
        reach.settle(analysis.unholdableCandidates());
        assertNotNull(analysis.cause(circle), "over every class the JDK creates, this.name() may be HostShape's");
        assertNull(reach.unsafe(circle), "describe() runs on a Circle: its this.name() is Circle.name, though the "
                + "member also creates a HostShape");
        assertNull(reach.way(describe, "fake/Circle"), "run on a Circle");
        assertNotNull(reach.way(describe, "fake/HostShape"), "run on a HostShape");
        assertNull(reach.unsafe(describe), "entered by a SIP: its own subclass's name() is its own code, and no "
                + "JDK subclass is created on the way");
    }

    @Test
    void perMemberASinkThreeCallsBehindACallOnThisIsFound() throws IOException {
        SurfaceAnalysis analysis = analyse();
        EntryReach reach = new EntryReach(analysis);
        String host = "fake/Shapes.describesAHostShape()Ljava/lang/String;";
        reach.searchAll(List.of(host));
        reach.settle(analysis.unholdableCandidates());
        EntryReach.Way way = reach.unsafe(host);
        assertNotNull(way, "describe() runs on a HostShape, whose name() is three calls from the sink");
        assertEquals(Sink.HOST_IO, way.sink());
        assertEquals(List.of(host, "fake/Shape.describe()Ljava/lang/String;", "fake/HostShape.name()Ljava/lang/String;",
                "fake/Deep.a()V", "fake/Deep.b()V", "fake/Deep.c()V", "fake/Sinks.openHostFile()V"), way.steps());
    }

    @Test
    void perMemberAClassWhoseCalledBackMethodReachesASinkMakesItsCreatorUnsafe() throws IOException {
        SurfaceAnalysis analysis = analyse();
        EntryReach reach = new EntryReach(analysis);
        String maker = "fake/Steps.makesAHostStep()Lfake/Step;";
        reach.searchAll(List.of(maker));
        assertNull(reach.way(maker), "its own code only constructs the step");
        reach.settle(analysis.unholdableCandidates());
        EntryReach.Way way = reach.unsafe(maker);
        assertNotNull(way, "whoever holds the HostStep can call go()");
        assertEquals(List.of(maker, "fake/HostStep.go()V", "fake/Deep.a()V", "fake/Deep.b()V", "fake/Deep.c()V",
                "fake/Sinks.openHostFile()V"), way.steps());
        assertTrue(way.detail().contains("fake.HostStep"), way.detail());
    }

    @Test
    void aCallOnAFieldRunsOnlyTheClassesTheJdkStoresThere() throws IOException {
        SurfaceAnalysis analysis = analyse();
        assertEquals(java.util.Set.of("fake/SafeStep"), new FieldTypes(analysis).classes("fake/Holder.step"),
                "its only writer is a constructor no code outside the JDK can call, handed a SafeStep");
        EntryReach reach = new EntryReach(analysis);
        String member = "fake/Holders.runsAHolderOfASafeStep()V";
        reach.searchAll(List.of(member));
        reach.settle(analysis.unholdableCandidates());
        assertNotNull(analysis.cause(member), "over every class the JDK creates, step.go() may be HostStep's");
        assertNull(reach.unsafe(member), "step.go() runs SafeStep.go only, though the JDK creates a HostStep elsewhere");
    }

    @Test
    void aFieldAWriterOutsideTheJdkMayStoreIntoKeepsEveryClass() throws IOException {
        SurfaceAnalysis analysis = analyse();
        assertNull(new FieldTypes(analysis).classes("fake/OpenHolder.step"), "set(Step) is public: any step may be stored");
        EntryReach reach = new EntryReach(analysis);
        String member = "fake/Holders.runsAnOpenHolder()V";
        reach.searchAll(List.of(member));
        EntryReach.Way way = reach.way(member);
        assertNotNull(way, "by its own code: the step may be a HostStep another member made and stored");
        assertEquals(List.of(member, "fake/OpenHolder.run()V", "fake/HostStep.go()V", "fake/Deep.a()V", "fake/Deep.b()V",
                "fake/Deep.c()V", "fake/Sinks.openHostFile()V"), way.steps());
    }

    @Test
    void aFieldAVarHandleWritesKeepsEveryClass() throws IOException {
        SurfaceAnalysis analysis = analyse();
        FieldTypes types = new FieldTypes(analysis);
        assertNull(types.classes("fake/HandleHolder.step"), "its name and class are handed to findVarHandle: the "
                + "HostStep the handle stores is not a putfield");
        EntryReach reach = new EntryReach(analysis);
        String member = "fake/Holders.runsAHandleHolder()V";
        reach.searchAll(List.of(member));
        EntryReach.Way way = reach.way(member);
        assertNotNull(way, "by its own code: step.go() may run the HostStep the VarHandle stored");
        assertEquals(List.of(member, "fake/HandleHolder.run()V", "fake/HostStep.go()V", "fake/Deep.a()V", "fake/Deep.b()V",
                "fake/Deep.c()V", "fake/Sinks.openHostFile()V"), way.steps());
    }

    @Test
    void aMemberThatOnlyReadsItsArgumentsIsAllowed() throws IOException {
        SurfaceAnalysis analysis = analyse();
        assertNull(analysis.cause("fake/Api.readsItsArgument(Ljava/lang/String;)I"), "s.length() is the caller's own object");
        assertNull(analysis.proven("fake/Api.readsItsArgument(Ljava/lang/String;)I"));
    }

    @Test
    void aCallOnThisToAPrivateSinkAndALambdaBodyAreFollowed() throws IOException {
        SurfaceAnalysis analysis = analyse();
        assertNotNull(analysis.proven("fake/Api.callsAPrivateSinkOnThis()V"), "javac calls a private method with invokevirtual");
        assertNotNull(analysis.proven("fake/Api.makesALambdaThatReachesTheSink()Ljava/lang/Runnable;"));
    }

    @Test
    void aReviewedCutStopsTheWayToTheSink() throws IOException {
        SurfaceAnalysis analysis = analyse();
        assertNull(analysis.cause("fake/Api.reviewedCall()V"));
        assertNotNull(analysis.proven("fake/Deep.c()V"), "the callee itself is still unsafe");
    }

    @Test
    void lockingAnArgumentThatMayBeSharedAroundACallbackIsASinkOnlyWhereTheTypeAdmitsOne() throws IOException {
        SurfaceAnalysis analysis = analyse();
        SurfaceAnalysis.Cause locks = analysis.proven("fake/Api.locksWhatItIsGiven(Ljava/lang/Object;Ljava/lang/Runnable;)V");
        assertNotNull(locks, "a String or a Class could be handed in");
        assertEquals(Sink.SHARED_MONITOR, locks.sink());
        assertNull(analysis.cause("fake/Api.locksItsOwnBuilder(Ljava/lang/StringBuilder;Ljava/lang/Runnable;)V"),
                "no shared object is a StringBuilder");
        assertNotNull(analysis.proven("fake/LockKeeper.<init>(Ljava/lang/Object;)V"), "kept as the lock of use()");
        assertNull(analysis.cause("fake/LockKeeper.<init>()V"), "its own lock");
        assertNull(analysis.cause("fake/TypedKeeper.<init>(Ljava/lang/StringBuilder;)V"),
                "passes on a lock that cannot be shared: the sink does not travel to its callers");
    }

    @Test
    void aMethodThatMayChangeSharedStateIsUnstoppableAndOneThatWorksOnItsOwnDataIsNot() throws IOException {
        Map<String, String> unstoppable = analyse().unstoppable();
        assertEquals("hands an object reached from a static field to fake.Box.set, which may change it",
                unstoppable.get("fake/Cache.putsIntoTheSharedBox(Ljava/lang/Object;)V"));
        assertNull(unstoppable.get("fake/Cache.readsTheSharedBox()Ljava/lang/Object;"), "get changes nothing");
        assertEquals("hands an object reached from a static field to fake.Helper.store, which may change it",
                unstoppable.get("fake/Cache.handsTheSharedBoxOn(Ljava/lang/Object;)V"),
                "two calls deep: the callee sees only a parameter, the caller, still on the stack, is listed");
        assertNull(unstoppable.get("fake/Helper.store(Lfake/Box;Ljava/lang/Object;)V"), "its own frame changes a parameter");
        assertNull(unstoppable.get("fake/Cache.handsTheSharedBoxToAReader()V"), "Helper.read changes nothing");
        assertEquals("writes the static field fake.Cache.hits", unstoppable.get("fake/Cache.countsInAStaticField()V"));
        assertNotNull(unstoppable.get("fake/Cache.locksTheSharedBox()V"));
        assertNull(unstoppable.get("fake/Cache.readsImmutableStatics(Ljava/lang/String;)I"),
                "a string and a box from static fields: nothing changes them");
        assertNull(unstoppable.get("fake/Cache.loopsOverItsOwnArray([J)J"));
        assertNull(unstoppable.get("fake/Cache.storesIntoItsOwnObject(Ljava/lang/StringBuilder;)V"));
        assertTrue(unstoppable.keySet().stream().noneMatch(key -> key.contains("<clinit>")),
                "class initialisers are refused by name at run time, not listed");
        assertEquals(SurfaceFile.unstoppable(analyse()), SurfaceFile.unstoppable(analyse()), "the same every time");
    }

    @Test
    void theSurfaceFileIsTheSameEveryTimeAndSaysWhy() throws IOException {
        String first = SurfaceFile.render(analyse(), "test", owner -> owner.startsWith("fake/"));
        String second = SurfaceFile.render(analyse(), "test", owner -> owner.startsWith("fake/"));
        assertEquals(first, second);
        assertTrue(first.contains("\nallow fake/Api.readsItsArgument(Ljava/lang/String;)I\n"), first);
        assertTrue(first.contains("deny fake/Api.sinkThreeCallsDeep()V [host-io] reaches host files, sockets or the "
                + "host's console: fake.Api.sinkThreeCallsDeep -> fake.Deep.a -> ... -> fake.Sinks.openHostFile "
                + "(native: the test's host file)"), first);
        SurfaceFile.Summary summary = SurfaceFile.summarize(first);
        assertTrue(summary.denied() >= 4 && summary.allowed() >= 3, summary.toString());
        JdkSurface surface = JdkSurface.parse(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)), "test");
        assertEquals("test", surface.jdkVersion());
        assertEquals("host-io", surface.denial("fake/Api", "sinkThreeCallsDeep", "()V").orElseThrow().rule());
        assertTrue(surface.denial("fake/Api", "readsItsArgument", "(Ljava/lang/String;)I").isEmpty());
    }
}
