// stdin: 6 3
// stdin: 5 -2 9 14 0 7
// stdin: 1 3
// stdin: 2 6
// stdin: 4 4
import java.io.*;
import java.util.*;

/** The competitive-programming idiom: a tokenizer over a BufferedReader, a buffered PrintWriter flushed at the end. */
public class FastIO {
    public static void main(String[] args) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
        StringTokenizer st = new StringTokenizer(reader.readLine());
        int n = Integer.parseInt(st.nextToken());
        int q = Integer.parseInt(st.nextToken());
        long[] prefix = new long[n + 1];
        st = new StringTokenizer(reader.readLine());
        for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + Long.parseLong(st.nextToken());
        out.println("prefix sums " + Arrays.toString(prefix));
        for (int k = 0; k < q; k++) {
            st = new StringTokenizer(reader.readLine());
            int l = Integer.parseInt(st.nextToken());
            int r = Integer.parseInt(st.nextToken());
            out.printf("sum[%d..%d] = %d%n", l, r, prefix[r] - prefix[l - 1]);
        }
        StreamTokenizer tokens = new StreamTokenizer(new StringReader("alpha 12 beta 3.5 'quoted text' end"));
        while (tokens.nextToken() != StreamTokenizer.TT_EOF) {
            out.println(switch (tokens.ttype) {
                case StreamTokenizer.TT_WORD -> "word " + tokens.sval;
                case StreamTokenizer.TT_NUMBER -> "number " + tokens.nval;
                default -> "quoted " + tokens.sval;
            });
        }
        for (int i = 0; i < 5; i++) out.print(i * i + (i < 4 ? " " : "\n"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeInt(0xCAFEBABE);
            data.writeUTF("sealed");
            data.writeDouble(Math.PI);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        out.println("data round trip " + Integer.toHexString(in.readInt()) + " " + in.readUTF() + " " + in.readDouble() + " (" + bytes.size() + " bytes)");
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            pw.print("written to a string");
        }
        out.println(sw);
        System.out.write("raw bytes through System.out.write\n".getBytes());
        System.out.flush();
        out.println("the PrintWriter's lines come after the raw bytes, because it is flushed only now");
        out.flush();
        PrintStream wrapped = new PrintStream(System.out, true);
        wrapped.println("through a PrintStream wrapping System.out");
        out.close();
    }
}
