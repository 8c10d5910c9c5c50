package dev.troupe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a workflow stands, for views, the inspector and tests.
 *
 * @param id        the workflow's id
 * @param name      the workflow it runs
 * @param state     {@code running}, {@code sleeping}, {@code waiting}, {@code retrying},
 *                  {@code completed}, {@code failed} or {@code cancelled}
 * @param steps     the names of the completed steps, in the order they completed
 * @param waitingOn what it waits for: the step being retried, the sleep or the signal, or null
 * @param wakeAt    when it runs next if it sleeps, waits with a timeout or backs off, or null
 * @param result    its result once completed, as JSON-decoded Java values
 * @param error     why it failed ({@code group/code: message}), or null
 */
public record WorkflowStatus(String id, String name, String state, List<String> steps, @Nullable String waitingOn,
                             @Nullable Instant wakeAt, @Nullable Object result, @Nullable String error) {

    /** Checks the required fields and freezes the steps. */
    public WorkflowStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        steps = List.copyOf(steps);
    }

    /** Whether the workflow has ended: completed, failed or cancelled. */
    public boolean ended() {
        return state.equals("completed") || state.equals("failed") || state.equals("cancelled");
    }
}
