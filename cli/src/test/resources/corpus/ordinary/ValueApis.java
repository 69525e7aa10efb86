import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Value APIs outside java.util: JDBC's date values, streams over a spliterator, a group and a pool of the program's own. */
public class ValueApis {
    static final class Sum extends RecursiveTask<Long> {
        private final int from;
        private final int to;

        Sum(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= 1000) {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    sum += i;
                }
                return sum;
            }
            int middle = (from + to) >>> 1;
            Sum left = new Sum(from, middle);
            left.fork();
            return new Sum(middle, to).compute() + left.join();
        }
    }

    public static void main(String[] args) throws Exception {
        java.sql.Date day = java.sql.Date.valueOf("2024-02-29");
        System.out.println(day + " " + day.toLocalDate().getDayOfWeek() + " " + java.sql.Date.valueOf(LocalDate.of(1999, 12, 31)));
        java.sql.Time time = java.sql.Time.valueOf("23:59:58");
        System.out.println(time + " " + time.toLocalTime().plusSeconds(1));
        Timestamp stamp = Timestamp.valueOf("2024-02-29 12:34:56.789");
        stamp.setNanos(123456789);
        System.out.println(stamp + " " + stamp.getNanos() + " " + stamp.toLocalDateTime()
                + " " + stamp.equals(Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123456789))));
        System.out.println(stamp.compareTo(Timestamp.valueOf("2000-01-01 00:00:00")) > 0);

        List<String> words = List.of("spliterators", "make", "streams");
        Spliterator<String> spliterator = words.spliterator();
        System.out.println(StreamSupport.stream(spliterator, false).map(String::length).collect(Collectors.toList()));

        ThreadGroup group = new ThreadGroup("workers");
        Thread worker = new Thread(group, () -> System.out.println("running in a group of the program's own"), "worker");
        worker.start();
        worker.join();
        System.out.println(group.getName() + " " + group.getMaxPriority() + " " + group);

        ForkJoinPool pool = new ForkJoinPool();
        try {
            System.out.println(pool.invoke(new Sum(0, 100_000)));
            System.out.println(pool.submit(() -> "submitted").get());
        } finally {
            pool.shutdown();
        }
    }
}
