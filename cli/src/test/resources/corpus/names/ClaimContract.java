import singj.abi.Contract;
import singj.abi.Message;

/** A contract for Claimer to register a name with (public: contract classes are loaded apart from the program's). */
@Contract({
    "READY client: Hello -> DONE",
    "DONE"
})
public interface ClaimContract {
    record Hello() implements Message {}
}
