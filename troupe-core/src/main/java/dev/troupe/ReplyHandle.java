package dev.troupe;

import java.util.Objects;

/**
 * The promise of a reply to a call that its actor answers later, from another turn: what
 * {@code Actor.deferReply()} returns. It is a plain value, so it can be kept in the actor's state; a
 * later turn answers with {@code Actor.reply(handle, result)}, and the caller's call returns then,
 * once that turn's commit is durable.
 *
 * <p>The caller waits in memory: a handle outlives neither the caller's call timeout nor the process.
 * A reply after either is dropped, and {@code reply} says so by returning false.
 *
 * @param id the deferred call's id, unique within the runtime
 */
public record ReplyHandle(String id) {

    /** Checks that the id is present. */
    public ReplyHandle {
        Objects.requireNonNull(id, "id");
    }
}
