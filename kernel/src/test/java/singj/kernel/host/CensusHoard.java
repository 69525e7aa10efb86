package singj.kernel.host;

/** A SIP's class for {@link HeapCensusTest}: defined again by a loader of its own, its static is the SIP's. */
public class CensusHoard {
    public static Object held;
}
