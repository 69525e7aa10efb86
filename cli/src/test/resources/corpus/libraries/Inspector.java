import org.apache.commons.lang3.builder.ToStringBuilder;

/** Calls the reflective corner of commons-lang3: that part must be rejected, with the reason. */
public class Inspector {
    int answer = 42;

    public static void main(String[] args) {
        System.out.println(ToStringBuilder.reflectionToString(new Inspector()));
    }
}
