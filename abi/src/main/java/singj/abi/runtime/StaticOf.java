package singj.abi.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a redirect class ({@link AsyncCalls}, {@link StreamCalls},
 * {@link ParallelCalls}, {@link LocaleCalls}) that stands for a static method of {@link #value()} with the same name
 * and parameters (the SIP's context last). An unmarked method stands for an instance method of
 * the type of its first parameter, the receiver. The installer reads these classes to know what
 * it redirects, so that a method here and its redirect cannot disagree.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StaticOf {
    Class<?> value();

    /** The static method's name, where it is not this method's (two JDK methods that differ only in their result). */
    String name() default "";
}
