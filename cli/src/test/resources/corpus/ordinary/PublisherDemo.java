// SubmissionPublisher delivers to its subscribers on the common pool (under SingJ the SIP's own).
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

public class PublisherDemo {
    public static void main(String[] args) throws Exception {
        CompletableFuture<List<String>> received = new CompletableFuture<>();
        try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
            publisher.subscribe(new Flow.Subscriber<>() {
                private final List<String> items = new ArrayList<>();
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    this.subscription = subscription;
                    subscription.request(1);
                }

                @Override
                public void onNext(String item) {
                    items.add(item + (Thread.currentThread().isDaemon() ? " (daemon)" : ""));
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable throwable) {
                    received.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    received.complete(items);
                }
            });
            for (String word : List.of("one", "two", "three", "four")) {
                publisher.submit(word);
            }
        }
        System.out.println("subscriber received " + received.get());

        SubmissionPublisher<Integer> numbers = new SubmissionPublisher<>();
        List<Integer> consumed = new ArrayList<>();
        CompletableFuture<Void> done = numbers.consume(consumed::add);
        for (int i = 1; i <= 5; i++) {
            numbers.submit(i * i);
        }
        numbers.close();
        done.thenRunAsync(() -> System.out.println("consumed " + consumed)).join();
    }
}
