package dev.troupe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as an actor contract and names its actor type.
 *
 * <p>The contract is what callers program against: in-process handles, the Java remote client and the
 * generated OpenAPI all derive from it. Each method is an action named after the method; overloads are
 * not allowed, and parameters and results must be JSON-serialisable for remote callers. The
 * implementation class extends {@link Actor} and implements exactly one contract.
 *
 * {@snippet :
 * @ActorContract("counter")
 * public interface Counter {
 *     long increment(long amount);
 *     @ReadOnly long count();
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ActorContract {
    /** The actor type name: {@code [a-z][a-z0-9-]{0,63}}. */
    String value();
}
