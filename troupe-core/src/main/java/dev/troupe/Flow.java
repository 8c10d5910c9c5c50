package dev.troupe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What a {@link Workflow} does through the runtime: steps whose results are journaled, durable sleeps,
 * and waits for signals. Step, sleep and wait names identify them in the journal: each must be unique
 * within one run of the workflow.
 */
public interface Flow {

    /** The workflow's id, unique within its actor. */
    String id();

    /**
     * Runs {@code body} once and journals its result, retrying a failing body with the default
     * {@link StepRetry}. The body runs inside a turn of the actor, so it may change the actor's state and
     * storage, send, broadcast and schedule; all of it commits with the journaled result, or, if the body
     * throws, none of it (the attempt is counted and retried after a backoff).
     *
     * @param type what the result is read back as from the journal's JSON
     * @throws TroupeException {@code workflow/step_failed} once the step has failed its last attempt; the
     *                         workflow may catch it (to compensate) or let it fail the workflow
     */
    <T> T step(String name, Class<T> type, Callable<T> body);

    /** {@link #step(String, Class, Callable)} with its own retry policy. */
    <T> T step(String name, Class<T> type, StepRetry retry, Callable<T> body);

    /** Sleeps durably for {@code duration}: the actor may sleep or the process restart meanwhile. */
    void sleep(String name, Duration duration);

    /**
     * Waits durably for the signal {@code name} ({@link Workflows#signal}), at most {@code timeout}.
     *
     * @param type what the signal's payload is read back as
     * @return the payload, or empty if the timeout passed first
     */
    <T> Optional<T> waitFor(String name, Class<T> type, Duration timeout);
}
