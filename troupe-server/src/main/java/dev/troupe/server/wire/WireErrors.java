package dev.troupe.server.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How errors cross the wire: every failure becomes a {@link TroupeException} whose {@link ActorError}
 * is sent as {@code {"group","code","message","metadata"}} with its catalogue status. Anything that is
 * not a {@code TroupeException} is a fault in server or actor code: it is logged here with its stack
 * trace and sent as a generic {@code actor/internal_error}. Internal API; thread-safe.
 */
public final class WireErrors {
    private static final Logger LOG = LoggerFactory.getLogger(WireErrors.class);

    private WireErrors() {
    }

    /** {@code 404 request/not_found} for a path no route matches. */
    public static TroupeException routeNotFound(String path) {
        return new TroupeException(ErrorCode.ROUTE_NOT_FOUND, "no route matches " + path, Map.of("path", path));
    }

    /** {@code 405 request/method_not_allowed}. */
    public static TroupeException methodNotAllowed(String method, String allowed) {
        return new TroupeException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed here; use " + allowed,
                Map.of("allow", allowed));
    }

    /**
     * The wire form of any failure: unwraps future wrappers; a {@code TroupeException} passes through;
     * a timeout becomes {@code actor/timeout}; anything else is logged with {@code where} and becomes
     * {@code actor/internal_error}.
     */
    public static TroupeException from(Throwable failure, String where) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TroupeException known) {
            return known;
        }
        if (cause instanceof TimeoutException) {
            return new TroupeException(ErrorCode.TIMEOUT, "no answer within the call timeout (" + where + ")");
        }
        if (cause instanceof CancellationException) {
            return new TroupeException(ErrorCode.UNAVAILABLE, "the call was cancelled (" + where + ")");
        }
        LOG.error("internal error in {}", where, cause);
        return new TroupeException(ErrorCode.INTERNAL_ERROR, "internal error; see the server log");
    }

    /** The error body {@code {"group","code","message","metadata"}}. */
    public static ObjectNode body(ActorError error) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("group", error.group());
        node.put("code", error.code());
        node.put("message", error.message());
        node.set("metadata", Json.mapper().valueToTree(error.metadata()));
        return node;
    }

    /** The HTTP status of an error received without one: the catalogue status, 400 for user errors. */
    public static int status(ActorError error) {
        for (ErrorCode code : ErrorCode.values()) {
            if (error.is(code)) {
                return code.status();
            }
        }
        return error.group().equals("user") ? 400 : 500;
    }
}
