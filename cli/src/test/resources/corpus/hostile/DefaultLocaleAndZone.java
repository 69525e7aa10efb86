// expect [jvm-global-state] java.util.Locale.setDefault
// expect [jvm-global-state] java.util.TimeZone.setDefault
import java.util.Locale;
import java.util.TimeZone;

public class DefaultLocaleAndZone {
    public static void main(String[] args) {
        Locale.setDefault(Locale.GERMANY);
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
    }
}
