package dev.troupe;

import org.jspecify.annotations.Nullable;

/**
 * A durable, multi-step process inside an actor: code that runs its steps through a {@link Flow} and
 * survives crashes, restarts and sleep between them. Each completed step's result is journaled once, in
 * the commit of the turn that ran it, together with whatever the step changed; after a crash the
 * workflow resumes at its first unfinished step.
 *
 * <p>The runtime runs the workflow in turns of its actor, each from the top: completed steps answer
 * their journaled result at once, and the first unfinished one runs (or the workflow sleeps or waits).
 * So the code between steps must be deterministic: it may branch on step results and the input, but
 * anything that reads the world (the clock, a random number, another actor, HTTP) belongs in a step.
 * Do not catch {@link Error} around {@code Flow} calls: the runtime unwinds the code with one when a
 * step has run. See {@code docs/workflows.md}.
 */
@FunctionalInterface
public interface Workflow {

    /**
     * Runs the workflow to its end (or to the point where the runtime suspends it).
     *
     * @param flow  the workflow's steps, sleeps and waits
     * @param input the input it was started with, decoded from JSON to maps, lists, strings, numbers,
     *              booleans and null
     * @return its result, a JSON-serialisable value (kept in its status)
     */
    @Nullable Object run(Flow flow, @Nullable Object input) throws Exception;
}
