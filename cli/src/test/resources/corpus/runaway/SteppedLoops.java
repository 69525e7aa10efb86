/**
 * Runaway: loops whose index steps by one, which the sealer checks by the index's low bits
 * rather than a countdown. The main thread enters one again and again for a few trips (its
 * index never reaches a multiple of the check interval); a second thread moves its index up and
 * down (a step-based check would never fire). Both must stop at a kill.
 */
public class SteppedLoops {
    static volatile int sink;

    public static void main(String[] args) {
        int[] data = new int[64];
        Thread seesaw = new Thread(() -> {
            int j = 1;
            while (true) {
                if ((sink & 1) == 0) {
                    j++;
                } else {
                    j--;
                }
                sink += j;
            }
        });
        seesaw.start();
        System.out.println("running");
        while (true) {
            int i = 1;
            while (data[i] == 0 && i < 50) {
                i++;
            }
            sink += i;
        }
    }
}
