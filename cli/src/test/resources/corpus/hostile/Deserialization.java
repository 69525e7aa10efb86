// expect [serialization] java.io.ObjectInputStream
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;

public class Deserialization {
    public static void main(String[] args) throws Exception {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(new byte[0]))) {
            System.out.println(in.readObject());
        }
    }
}
