import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A program over classes written like a library's: each overrides JDK methods the library
 * supports in full (parallel streams, reversed comparators, bulk replacement, asynchronous
 * stages), with bodies that use what a SIP may not (another SIP's threads). The program never calls those methods, and
 * no JDK code it reaches calls them back, so they are dropped and the rest installs.
 * (ReachabilityTest adds calls that make the JDK or SingJ's runtime call each of them.)
 */
public class LibraryCallbacks {
    public static void main(String[] args) throws Exception {
        Squares squares = new Squares(6);
        System.out.println(squares + " " + squares.stream().mapToInt(Integer::intValue).sum());
        List<String> words = new ArrayList<>(List.of("pear", "fig", "apple"));
        words.sort(new ByLength());
        System.out.println(words);
        Counts counts = new Counts();
        counts.put("fig", 1L);
        counts.merge("fig", 2L, Long::sum);
        System.out.println(counts);
        Tracked<String> tracked = new Tracked<>();
        tracked.complete("done");
        System.out.println(tracked.thenApply(String::length).get());
        // GROUPING
        // PARALLEL
        // ASYNC
    }
}

class Squares extends AbstractList<Integer> {
    final int size;

    Squares(int size) {
        this.size = size;
    }

    @Override
    public Integer get(int index) {
        return index * index;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Stream<Integer> parallelStream() {
        System.out.println(Thread.getAllStackTraces().size()); // what a SIP may not do
        return super.parallelStream();
    }
}

class ByLength implements Comparator<String> {
    @Override
    public int compare(String a, String b) {
        return Integer.compare(a.length(), b.length());
    }

    @Override
    public Comparator<String> reversed() {
        System.out.println(Thread.getAllStackTraces().size()); // what a SIP may not do
        return Comparator.super.reversed();
    }
}

class Counts extends TreeMap<String, Long> {
    @Override
    public void replaceAll(BiFunction<? super String, ? super Long, ? extends Long> function) {
        System.out.println(Thread.getAllStackTraces().size()); // what a SIP may not do
        super.replaceAll(function);
    }
}

class Tracked<T> extends CompletableFuture<T> {
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new Tracked<>();
    }

    @Override
    public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn, Executor executor) {
        System.out.println(Thread.getAllStackTraces().size()); // what a SIP may not do
        return super.thenApplyAsync(fn, executor);
    }
}
