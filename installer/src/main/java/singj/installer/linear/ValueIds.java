package singj.installer.linear;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of the values one method's walk tracks, and what each stands for. A value gets its id
 * from the instruction that produces it (one id for the instruction's newest value, one for all
 * its older ones, so that a loop's fresh block is not last iteration's sent one), from the
 * parameter it came in as, or from the message and component it was read from (so that every read
 * of {@code m.block()} is the same handle).
 */
final class ValueIds {
    /** What a value is, as far as linearity cares. */
    enum Kind {
        /** A Block or an Endpoint. */
        HANDLE,
        /** Any other reference: it matters as a message (sent, its components read) or as a parameter. */
        OBJECT,
        /** An array of endpoints the method made itself, the one array a handle may go into (for select). */
        ENDPOINT_ARRAY
    }

    /** @param param the parameter (argument index) the value came in as, or -1 */
    private record Origin(Kind kind, int param) {}

    private final List<Origin> origins = new ArrayList<>();
    private final Map<Integer, Integer> newest = new HashMap<>();
    private final Map<Integer, Integer> older = new HashMap<>();
    private final Map<String, Integer> components = new HashMap<>();
    private final Map<Integer, List<Integer>> readFrom = new HashMap<>();
    private final Map<Integer, String> componentName = new HashMap<>();

    Kind kind(int id) {
        return origins.get(id).kind();
    }

    int param(int id) {
        return origins.get(id).param();
    }

    boolean any(Value value, Kind kind) {
        for (int i = 0; i < value.ids().size(); i++) {
            if (kind(value.ids().get(i)) == kind) {
                return true;
            }
        }
        return false;
    }

    /** The handles read from components of message {@code id}, by id. */
    Map<Integer, List<Integer>> readFrom() {
        return readFrom;
    }

    int parameter(Kind kind, int param) {
        return newId(new Origin(kind, param));
    }

    /**
     * The id of the value instruction {@code site} produces in {@code frame}, held from now on.
     * When the site runs again on a path where its earlier value still exists, that value, and
     * what was read from it, become the site's older value.
     */
    int produce(LinearFrame frame, int site, Kind kind, int param) {
        int id = newest.computeIfAbsent(site, _ -> newId(new Origin(kind, param)));
        if (frame.fate(id) != null) {
            int old = older.computeIfAbsent(id, _ -> newId(origins.get(id)));
            Map<Integer, Integer> renames = new HashMap<>();
            renames.put(id, old);
            for (int component : readFrom.getOrDefault(id, List.of())) {
                renames.put(component, component(old, componentName.get(component)));
            }
            frame.rename(i -> renames.getOrDefault(i, i));
            for (var rename : renames.entrySet()) {
                Fate fate = frame.fate(rename.getKey());
                if (fate != null) {
                    frame.setFate(rename.getValue(), Fate.join(frame.fate(rename.getValue()), fate));
                }
                frame.setFate(rename.getKey(), null);
            }
            frame.setContents(old, frame.contents(old).union(frame.contents(id)));
            frame.setContents(id, Ids.NONE);
        }
        frame.setFate(id, Fate.HELD);
        return id;
    }

    /** The id of the handle in component {@code name} of message {@code carrier}. */
    int component(int carrier, String name) {
        return components.computeIfAbsent(carrier + "." + name, _ -> {
            int id = newId(new Origin(Kind.HANDLE, -1));
            readFrom.computeIfAbsent(carrier, _ -> new ArrayList<>()).add(id);
            componentName.put(id, name);
            return id;
        });
    }

    private int newId(Origin origin) {
        origins.add(origin);
        return origins.size() - 1;
    }
}
