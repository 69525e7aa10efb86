import com.google.common.base.CharMatcher;
import com.google.common.base.Joiner;
import com.google.common.base.Splitter;
import com.google.common.base.Strings;
import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.HashBiMap;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Multimap;
import com.google.common.collect.Multiset;
import com.google.common.collect.TreeMultiset;
import com.google.common.collect.Lists;
import com.google.common.hash.Hashing;
import com.google.common.math.IntMath;
import com.google.common.primitives.Ints;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** guava's collections, strings, primitives, math and hashing. */
public class GuavaTour {
    public static void main(String[] args) throws Exception {
        List<String> words = Splitter.on(',').trimResults().omitEmptyStrings().splitToList(" b, a,, c ,a ");
        System.out.println(words + " " + Joiner.on('|').join(words));
        Multiset<String> counts = TreeMultiset.create(words);
        System.out.println(counts + " a=" + counts.count("a"));
        Multimap<Integer, String> byLength = ArrayListMultimap.create();
        for (String w : List.of("one", "two", "three", "four")) byLength.put(w.length(), w);
        System.out.println(byLength.get(3) + " " + byLength.keySet().stream().sorted().toList());
        HashBiMap<String, Integer> bi = HashBiMap.create();
        bi.put("x", 1); bi.put("y", 2);
        System.out.println(bi.inverse().get(2));
        ImmutableList<Integer> nums = ImmutableList.of(5, 3, 9, 1);
        System.out.println(Ints.max(Ints.toArray(nums)) + " " + Lists.reverse(nums) + " " + ImmutableSortedMap.of("b", 2, "a", 1));
        System.out.println(Strings.padStart("7", 3, '0') + " " + Strings.repeat("ab", 3) + " " + CharMatcher.digit().retainFrom("a1b22c"));
        System.out.println(IntMath.factorial(10) + " " + IntMath.gcd(84, 36));
        System.out.println(Hashing.sha256().hashString("singj", StandardCharsets.UTF_8));
    }
}
