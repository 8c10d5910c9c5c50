package dev.troupe;

import java.util.List;
import java.util.Optional;

/**
 * The current actor's workflows ({@link Workflow}): start one, signal it, read its status, cancel it.
 * Each call is part of the current turn and takes effect when it commits; a workflow's journal lives in
 * the actor's storage, under keys the runtime reserves ({@code #workflow/...}).
 */
public interface Workflows {

    /**
     * Starts the workflow {@code name} (as the actor's {@code workflow(name)} answers it) under
     * {@code id} with {@code input}, a JSON-serialisable value; its first turn runs once this turn commits.
     *
     * @throws TroupeException {@code workflow/not_found} if the actor has no workflow of that name;
     *                         {@code workflow/exists} if {@code id} is taken; {@code request/invalid_args}
     *                         if the input has no JSON form
     */
    void start(String name, String id, Object input);

    /**
     * Delivers the signal {@code name} with {@code payload} to the workflow {@code id}, for its
     * {@link Flow#waitFor}; a signal that arrives before the wait is kept for it.
     *
     * @return false if the workflow has ended (the signal is dropped)
     * @throws TroupeException {@code workflow/not_found} if there is no such workflow
     */
    boolean signal(String id, String name, Object payload);

    /** The status of the workflow {@code id}, if there is one. */
    Optional<WorkflowStatus> status(String id);

    /** The ids of this actor's workflows, ended ones included, in order. */
    List<String> ids();

    /**
     * Cancels the workflow {@code id}: it runs no further step.
     *
     * @return false if it had already ended
     * @throws TroupeException {@code workflow/not_found} if there is no such workflow
     */
    boolean cancel(String id);
}
