package dev.troupe;

import java.time.Duration;

/**
 * Volatile timers of the current actor: like {@link Schedules}, but kept only in memory. A pending
 * timer keeps the actor awake; timers are lost when the process stops and are cancelled if the actor is
 * evicted. Use them for work that need not survive (heartbeats, debouncing).
 */
public interface Timers {

    /**
     * Calls {@code action} with {@code args} after {@code delay}, as a turn of this actor.
     *
     * @return a handle that cancels the timer when closed
     */
    AutoCloseable after(Duration delay, String action, Object... args);
}
