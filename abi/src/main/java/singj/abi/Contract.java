package singj.abi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a channel contract: the interface it annotates holds the messages (records that
 * implement {@link Message}), and this annotation holds the state machine, one state a line,
 * the first being where every channel starts:
 *
 * <pre>{@code
 * @Contract({
 *     "READY   client: Request -> WAITING, Bye -> DONE",
 *     "WAITING server: Reply -> READY",
 *     "DONE"
 * })
 * public interface Echo {
 *     record Request(String text) implements Message {}
 *     record Reply(String text) implements Message {}
 *     record Bye() implements Message {}
 * }
 * }</pre>
 *
 * In each state one side may send (the {@code client}, who opened the channel, or the
 * {@code server}); a state with no transitions ends the conversation. A message's fields may be
 * primitives, strings, {@link Block}s and {@link Endpoint}s. The installer checks a contract when
 * it installs the program that declares it: every state reachable, every message used, and no
 * side able to send forever without an answer, so that every queue has a bound.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {
    /** The states, one a line: {@code "NAME side: Message -> NEXT, ..."}, or {@code "NAME"} for an end state. */
    String[] value();
}
