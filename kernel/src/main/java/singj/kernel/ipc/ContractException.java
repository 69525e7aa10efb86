package singj.kernel.ipc;

import java.util.List;

/** A contract that cannot be used: every problem found, each naming the contract and where. */
public final class ContractException extends RuntimeException {
    private final List<String> problems;

    public ContractException(String contract, List<String> problems) {
        super("contract " + contract + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
