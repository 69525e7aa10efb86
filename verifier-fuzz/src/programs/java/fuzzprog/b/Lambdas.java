package fuzzprog.b;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** invokedynamic (lambdas, method references): stays at version 52 and above, never rewritten to 49. */
public class Lambdas {
    public static List<Integer> lengths(List<String> words) {
        List<Integer> out = new ArrayList<Integer>();
        Function<String, Integer> length = String::length;
        for (String w : words) {
            out.add(length.apply(w));
        }
        return out;
    }

    public static Supplier<String> greeter(final String name) {
        return () -> "hello " + name;
    }
}
