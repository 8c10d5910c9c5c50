package dev.troupe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a contract method as read-only: it may run while another turn of the same actor is in
 * progress, against the state as of the last completed turn.
 *
 * <p>A read-only action must not change state, schedule, destroy or broadcast; doing so fails the
 * call with {@code actor/internal_error}. Its result is released, like any other, only once the state
 * it read is durable. Every action not marked read-only runs serially, one turn at a time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnly {
}
