// expect [host-io] java.net.Socket
import java.net.Socket;

public class HostSocket {
    public static void main(String[] args) throws Exception {
        try (Socket socket = new Socket("localhost", 22)) {
            System.out.println(socket.getInputStream().read());
        }
    }
}
