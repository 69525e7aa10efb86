package singj.kernel.ipc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import singj.abi.Side;

/**
 * A contract's state machine, parsed from its {@link singj.abi.Contract} lines and checked: the
 * same code runs when the installer checks a program and when the kernel first opens a channel.
 *
 * <p>Checks: every line parses; state and message names are known and not repeated; every state
 * is reachable from the first; every message is used; message fields have allowed types; and
 * neither side can send forever without the other answering. The last gives each direction a
 * bound on the messages that can be waiting in it (the longest run of transitions of one side),
 * and the kernel preallocates the channel's queues to that bound.
 *
 * @param name the contract's binary name
 * @param states state names, the first being the start
 * @param messages message names (records nested in the contract), in declaration order
 * @param senders who sends in each state; null for an end state
 * @param next for each state and message, the state it leads to, or -1 if the message is not allowed there
 * @param bounds the most messages that can wait in a queue, for the queue to each side: [client, server]
 */
public record ContractSpec(String name, List<String> states, List<String> messages, Side[] senders, int[][] next,
                           int[] bounds) {
    /** Field types a message may carry, as descriptors. */
    public static final Set<String> FIELD_TYPES = Set.of("Z", "B", "C", "S", "I", "J", "F", "D",
            "Ljava/lang/String;", "Lsingj/abi/Block;", "Lsingj/abi/Endpoint;");
    private static final Pattern STATE = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:(client|server)\\s*:\\s*(.*))?");
    private static final Pattern TRANSITION = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*->\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");

    /**
     * Parses and checks a contract.
     *
     * @param lines the {@code @Contract} lines
     * @param messageFields each message's field types (descriptors), by the message's simple name
     * @throws ContractException listing every problem
     */
    public static ContractSpec parse(String name, List<String> lines, Map<String, List<String>> messageFields) {
        List<String> problems = new ArrayList<>();
        List<String> messages = List.copyOf(messageFields.keySet());
        messageFields.forEach((message, fields) -> {
            for (String field : fields) {
                if (!FIELD_TYPES.contains(field)) {
                    problems.add("message " + message + " has a field of type " + readable(field)
                            + " (a message may carry primitives, String, Block and Endpoint)");
                }
            }
        });
        if (lines.isEmpty()) {
            problems.add("it declares no states");
            throw new ContractException(name, problems);
        }
        record Line(String state, Side side, String transitions) {}
        List<Line> parsed = new ArrayList<>();
        Map<String, Integer> stateIndex = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = STATE.matcher(line);
            if (!m.matches()) {
                problems.add("cannot read state \"" + line.strip() + "\" (expected \"NAME client: Message -> NEXT, ...\", "
                        + "\"NAME server: ...\" or \"NAME\")");
                continue;
            }
            if (stateIndex.putIfAbsent(m.group(1), stateIndex.size()) != null) {
                problems.add("state " + m.group(1) + " is declared twice");
                continue;
            }
            Side side = m.group(2) == null ? null : m.group(2).equals("client") ? Side.CLIENT : Side.SERVER;
            parsed.add(new Line(m.group(1), side, m.group(3)));
        }
        List<String> states = List.copyOf(stateIndex.keySet());
        Side[] senders = new Side[states.size()];
        int[][] next = new int[states.size()][messages.size()];
        for (int[] row : next) {
            Arrays.fill(row, -1);
        }
        Set<String> used = new LinkedHashSet<>();
        for (Line line : parsed) {
            int from = stateIndex.get(line.state());
            senders[from] = line.side();
            if (line.side() == null) {
                continue;
            }
            if (line.transitions() == null || line.transitions().isBlank()) {
                problems.add("state " + line.state() + ": the " + line.side() + " may send nothing (leave the side out for an end state)");
                continue;
            }
            for (String transition : line.transitions().split(",")) {
                Matcher t = TRANSITION.matcher(transition);
                if (!t.matches()) {
                    problems.add("state " + line.state() + ": cannot read \"" + transition.strip() + "\" (expected \"Message -> NEXT\")");
                    continue;
                }
                int message = messages.indexOf(t.group(1));
                Integer to = stateIndex.get(t.group(2));
                if (message < 0) {
                    problems.add("state " + line.state() + ": no message " + t.group(1) + " in this contract"
                            + (messages.isEmpty() ? "" : " (it has " + String.join(", ", messages) + ")"));
                } else if (to == null) {
                    problems.add("state " + line.state() + ": " + t.group(1) + " leads to " + t.group(2) + ", which is not a state");
                } else if (next[from][message] >= 0) {
                    problems.add("state " + line.state() + ": " + t.group(1) + " is listed twice");
                } else {
                    next[from][message] = to;
                    used.add(t.group(1));
                }
            }
        }
        for (String message : messages) {
            if (!used.contains(message)) {
                problems.add("message " + message + " is never sent in any state");
            }
        }
        if (!states.isEmpty()) {
            boolean[] reached = reachable(next);
            for (int s = 0; s < states.size(); s++) {
                if (!reached[s]) {
                    problems.add("state " + states.get(s) + " cannot be reached from " + states.getFirst());
                }
            }
        }
        int[] bounds = new int[2];
        if (problems.isEmpty()) {
            for (Side side : Side.values()) {
                // the queue to the peer holds what this side sent without an answer
                Bound bound = longestRun(side, senders, next, states, messages);
                if (bound.cycle() != null) {
                    problems.add("the " + side + " can send forever without an answer: " + bound.cycle());
                } else {
                    bounds[side.peer().ordinal()] = Math.max(1, bound.length());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ContractException(name, problems);
        }
        return new ContractSpec(name, states, messages, senders, next, bounds);
    }

    /** The state a message leads to from {@code state}, or -1 if it is not allowed there. */
    public int next(int state, int message) {
        return next[state][message];
    }

    /** Who sends in {@code state}; null in an end state. */
    public Side sender(int state) {
        return senders[state];
    }

    /** How many messages can be waiting in the queue to {@code receiver}. */
    public int bound(Side receiver) {
        return bounds[receiver.ordinal()];
    }

    /** The messages {@code state} allows, in alphabetical order, for error messages. */
    public String allowed(int state) {
        List<String> allowed = new ArrayList<>();
        for (int m = 0; m < messages.size(); m++) {
            if (next[state][m] >= 0) {
                allowed.add(messages.get(m));
            }
        }
        allowed.sort(null); // message order comes from the class file, which javac does not fix
        return allowed.isEmpty() ? "nothing" : String.join(", ", allowed);
    }

    private record Bound(int length, String cycle) {}

    /** The longest run of transitions that {@code side} makes in a row, or a cycle of them. */
    private static Bound longestRun(Side side, Side[] senders, int[][] next, List<String> states, List<String> messages) {
        int n = senders.length;
        int[] longest = new int[n];
        int[] mark = new int[n]; // 0 unvisited, 1 on the path, 2 done
        int best = 0;
        for (int s = 0; s < n; s++) {
            String cycle = visit(s, side, senders, next, longest, mark, new ArrayList<>(), states, messages);
            if (cycle != null) {
                return new Bound(0, cycle);
            }
            best = Math.max(best, longest[s]);
        }
        return new Bound(best, null);
    }

    private static String visit(int s, Side side, Side[] senders, int[][] next, int[] longest, int[] mark,
                                List<String> path, List<String> states, List<String> messages) {
        if (mark[s] == 2) {
            return null;
        }
        mark[s] = 1;
        int run = 0;
        if (senders[s] == side) {
            for (int m = 0; m < messages.size(); m++) {
                int to = next[s][m];
                if (to < 0) {
                    continue;
                }
                path.add(states.get(s) + " -" + messages.get(m) + "-> ");
                if (mark[to] == 1) {
                    int start = -1;
                    for (int i = 0; i < path.size(); i++) {
                        if (path.get(i).startsWith(states.get(to) + " ")) {
                            start = i;
                            break;
                        }
                    }
                    return String.join("", path.subList(Math.max(0, start), path.size())) + states.get(to);
                }
                String cycle = visit(to, side, senders, next, longest, mark, path, states, messages);
                if (cycle != null) {
                    return cycle;
                }
                path.removeLast();
                run = Math.max(run, 1 + longest[to]);
            }
        }
        longest[s] = run;
        mark[s] = 2;
        return null;
    }

    private static boolean[] reachable(int[][] next) {
        boolean[] reached = new boolean[next.length];
        List<Integer> work = new ArrayList<>(List.of(0));
        reached[0] = true;
        while (!work.isEmpty()) {
            int s = work.removeLast();
            for (int to : next[s]) {
                if (to >= 0 && !reached[to]) {
                    reached[to] = true;
                    work.add(to);
                }
            }
        }
        return reached;
    }

    private static String readable(String descriptor) {
        if (descriptor.startsWith("L") && descriptor.endsWith(";")) {
            return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        }
        if (descriptor.startsWith("[")) {
            return readable(descriptor.substring(1)) + "[]";
        }
        return descriptor;
    }
}
