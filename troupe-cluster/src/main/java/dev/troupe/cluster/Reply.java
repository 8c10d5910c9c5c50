package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The owner's answer to an {@link EntityCommand}: a JSON value, or the error (as it crosses the wire,
 * with its HTTP status) that the caller's node rethrows as a {@link TroupeException}, or word that the
 * actor is moving to another node and the command was not run, so the caller sends it again.
 *
 * @param value  the result, JSON null when there is none or the command failed
 * @param error  the failure, or null
 * @param status the HTTP status of the failure, 0 on success
 * @param moving whether the entity was being released and did not run the command
 */
record Reply(JsonNode value, @Nullable ActorError error, int status, boolean moving) implements ClusterMessage {

    static Reply of(@Nullable JsonNode value) {
        return new Reply(value == null ? NullNode.getInstance() : value, null, 0, false);
    }

    /** The actor is moving: the command was not run; send it again. */
    static Reply moved() {
        return new Reply(NullNode.getInstance(), null, 0, true);
    }

    /** The failure {@code thrown} as the caller should see it; anything not a Troupe error is internal. */
    static Reply failure(Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        TroupeException error = cause instanceof TroupeException troupe ? troupe
                : new TroupeException(ErrorCode.INTERNAL_ERROR, "the owning node failed: " + cause);
        return new Reply(NullNode.getInstance(), error.error(), error.status(), false);
    }

    /** The value, or the error rethrown. */
    JsonNode valueOrThrow() {
        if (error != null) {
            throw new TroupeException(error, status);
        }
        return value;
    }
}
