import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.List;

/** guava's caches and futures: AbstractFuture keeps its state in volatile fields through field updaters. */
public class GuavaFutures {
    public static void main(String[] args) throws Exception {
        LoadingCache<Integer, String> cache = CacheBuilder.newBuilder().maximumSize(2).recordStats()
                .build(CacheLoader.from(key -> "v" + key));
        System.out.println(cache.get(1) + cache.get(2) + cache.get(1) + cache.get(3) + " " + cache.size()
                + " hits " + cache.stats().hitCount());

        SettableFuture<String> text = SettableFuture.create();
        ListenableFuture<Integer> length = Futures.transform(text, String::length, MoreExecutors.directExecutor());
        System.out.println("done before: " + length.isDone());
        text.set("hello");
        System.out.println("length " + length.get());

        ListenableFuture<List<Integer>> all = Futures.allAsList(Futures.immediateFuture(1), Futures.immediateFuture(2));
        System.out.println(all.get());
        SettableFuture<String> failed = SettableFuture.create();
        failed.setException(new IllegalStateException("no"));
        System.out.println(Futures.catching(failed, IllegalStateException.class, e -> "caught " + e.getMessage(),
                MoreExecutors.directExecutor()).get());
        SettableFuture<String> cancelled = SettableFuture.create();
        System.out.println("cancelled " + cancelled.cancel(false) + " " + cancelled.isCancelled());
    }
}
