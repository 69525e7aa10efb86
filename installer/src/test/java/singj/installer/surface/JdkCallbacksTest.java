package singj.installer.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table of the JDK's callbacks as the installer reads it: what every program's JDK code calls
 * back stays called, what only some JDK code calls is tied to the members that lead to it, and a
 * damaged table says where.
 */
class JdkCallbacksTest {
    private static final JdkCallbacks SHIPPED = JdkCallbacks.standard();

    @Test
    void everyLineOfTheShippedTableIsFoundByItsKey() {
        for (String kind : List.of("callback", "call", "virtual")) {
            assertEquals(List.of(), SHIPPED.unfindable(kind), kind + " lines out of order: the searches would miss them");
        }
        assertEquals(Runtime.version().toString(), SHIPPED.jdkVersion());
    }

    @Test
    void theCallbacksOrdinaryProgramsRelyOnAreCalledByTheJdkCodeEveryProgramReaches() {
        // ObjectMethods, string concatenation and the kernel call these through handles, which no bytecode shows
        for (String signature : List.of("toString()Ljava/lang/String;", "hashCode()I", "equals(Ljava/lang/Object;)Z",
                // the JVM starts threads at Thread.run and hands uncaught exceptions to the handler
                "run()V", "uncaughtException(Ljava/lang/Thread;Ljava/lang/Throwable;)V",
                // the kernel prints an uncaught exception with printStackTrace
                "getMessage()Ljava/lang/String;", "getLocalizedMessage()Ljava/lang/String;",
                "compareTo(Ljava/lang/Object;)I", "compare(Ljava/lang/Object;Ljava/lang/Object;)I",
                "iterator()Ljava/util/Iterator;", "hasNext()Z", "next()Ljava/lang/Object;", "remove()V",
                "spliterator()Ljava/util/Spliterator;", "get()Ljava/lang/Object;", "call()Ljava/lang/Object;",
                "apply(Ljava/lang/Object;)Ljava/lang/Object;", "accept(Ljava/lang/Object;)V",
                "newThread(Ljava/lang/Runnable;)Ljava/lang/Thread;", "formatTo(Ljava/util/Formatter;III)V",
                // the kernel stops a dying SIP's threads and executors, which may be of the program's classes
                "interrupt()V", "shutdownNow()Ljava/util/List;")) {
            assertFalse(SHIPPED.isConditional(signature), signature + " should be called by JDK code every program reaches");
        }
    }

    @Test
    void aCallbackOnlySomeJdkCodeMakesIsTiedToTheMembersThatLeadToIt() {
        String parallelStream = "parallelStream()Ljava/util/stream/Stream;";
        assertTrue(SHIPPED.isConditional(parallelStream), "nothing every program reaches calls parallelStream");
        assertTrue(SHIPPED.fromVirtualCall(parallelStream).contains(parallelStream),
                "a collection's parallelStream forwards to the one it wraps");
        assertTrue(SHIPPED.fromCall("java/util/stream/Collectors.groupingBy(Ljava/util/function/Function;"
                        + "Ljava/util/function/Supplier;Ljava/util/stream/Collector;)Ljava/util/stream/Collector;")
                .contains("replaceAll(Ljava/util/function/BiFunction;)V"), "grouping finishes the caller's map with replaceAll");
        assertTrue(SHIPPED.fromVirtualCall("minus(Ljava/time/temporal/TemporalAmount;)Ljava/time/LocalDate;")
                .contains("subtractFrom(Ljava/time/temporal/Temporal;)Ljava/time/temporal/Temporal;"));
        assertFalse(SHIPPED.fromVirtualCall("size()I").contains(parallelStream));
        assertEquals(List.of(), SHIPPED.fromCall("java/lang/Math.max(II)I"), "a member that calls nothing back");
        assertEquals(List.of(), SHIPPED.fromCall("no/such/Class.method()V"));
    }

    @Test
    void aDamagedTableSaysWhere() {
        String head = "# comment\njdk 25\n";
        var outOfSection = assertThrows(IllegalArgumentException.class,
                () -> JdkCallbacks.parse(head + "call a/B.c()V 0\ncallback 0 c()V\n", "t.callbacks"));
        assertEquals("t.callbacks:4: expected a 'call' line or one of a later section, found: callback 0 c()V",
                outOfSection.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> JdkCallbacks.parse(head + "allow x\n", "t.callbacks"));
        assertEquals("t.callbacks:3: expected a 'callback' line or one of a later section, found: allow x", unknown.getMessage());
        var noVersion = assertThrows(IllegalArgumentException.class, () -> JdkCallbacks.parse("callback 0 c()V\n", "t.callbacks"));
        assertEquals("t.callbacks: no 'jdk VERSION' line", noVersion.getMessage());
        JdkCallbacks badNumber = JdkCallbacks.parse(head + "callback 0 c()V\ncall a/B.d()V 7\n", "t.callbacks");
        var damaged = assertThrows(IllegalStateException.class, () -> badNumber.fromCall("a/B.d()V"));
        assertEquals("t.callbacks: no callback 7 (the table is damaged: regenerate it)", damaged.getMessage());
        JdkCallbacks unsorted = JdkCallbacks.parse(head + "callback 0 z()V\ncallback 1 a()V\ncallback 2 m()V\n", "t.callbacks");
        assertFalse(unsorted.unfindable("callback").isEmpty(), "a section out of order is found out");
    }
}
