package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.json.Json;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a queue message rides in the outbox: a one-way message whose action is {@code #queue:NAME} and
 * whose arguments are the JSON array {@code [message]}. Queues reuse the outbox, its numbering per
 * pair and its receipts (docs/queues.md, decision 0019); what differs is the handler
 * ({@code onQueueMessage}) and that a failed handler leaves the message in the outbox for redelivery,
 * up to {@link #MAX_ATTEMPTS} times in one activation, before it becomes a dead letter.
 */
final class QueueMessages {
    /** How many times one activation runs a failing queue message before it gives it up as a dead letter. */
    static final int MAX_ATTEMPTS = 10;
    private static final String PREFIX = "#queue:";

    private QueueMessages() {
    }

    /** The outbox action of a message to {@code queue}. */
    static String action(String queue) {
        return PREFIX + queue;
    }

    /** The queue a message's action names, or null if it is an ordinary one-way message. */
    static @Nullable String queueOf(String action) {
        return action.startsWith(PREFIX) ? action.substring(PREFIX.length()) : null;
    }

    /**
     * The message as outbox arguments, after checking the queue exists on the type.
     *
     * @throws TroupeException {@code queue/not_found} if the type declares no such queue,
     *                         {@code message/too_large} above 1 MiB, {@code request/invalid_args} if the
     *                         message cannot be written as JSON
     */
    static String encode(ActorType type, Address address, String queue, @Nullable Object message) {
        if (!type.queues().contains(queue)) {
            throw new TroupeException(ErrorCode.QUEUE_NOT_FOUND, "actor type '" + type.name() + "' declares no queue '"
                    + queue + "' (declared: " + type.queues() + ")", Map.of("type", type.name(), "queue", queue));
        }
        String json;
        try {
            json = "[" + Json.mapper().writeValueAsString(message) + "]";
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "a message for queue '" + queue + "' of " + address
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return MessageArgs.limited(json, "the message for queue '" + queue + "'");
    }

    /** The message of outbox arguments, decoded to maps, lists, strings, numbers, booleans and null. */
    static @Nullable Object decode(String args) throws JsonProcessingException {
        JsonNode array = Json.mapper().readTree(args);
        return Json.mapper().treeToValue(array.get(0), Object.class);
    }
}
