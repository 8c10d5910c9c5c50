package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** A message of RivetKit's client protocol from the actor to the client, over a connection. */
sealed interface ToClient {

    /** The first message of every connection: which actor and connection the client reached. */
    record Init(String actorId, String connectionId) implements ToClient {
    }

    /**
     * An error: of one action ({@code actionId} set) or of the connection ({@code actionId} null, the
     * connection then closes).
     */
    record Error(String group, String code, String message, @Nullable JsonNode metadata, @Nullable Long actionId)
            implements ToClient {
    }

    /** The output of the action the client numbered {@code id}. */
    record ActionResponse(long id, JsonNode output) implements ToClient {
    }

    /** An event the connection is subscribed to; {@code args} is an array. */
    record Event(String name, JsonNode args) implements ToClient {
    }
}
