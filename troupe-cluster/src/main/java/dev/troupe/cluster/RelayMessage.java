package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the owner of an actor sends to the node holding a connection to it ({@link ConnectionRelay}):
 * the connection's events, views and closing, in the order the actor produced them.
 */
sealed interface RelayMessage extends ClusterMessage {

    /** An event the connection receives. */
    record Event(String name, JsonNode args) implements RelayMessage {
    }

    /** The connection's view after a durable change. */
    record View(JsonNode view) implements RelayMessage {
    }

    /** The owner closed the connection. */
    record Closed(ActorError reason) implements RelayMessage {
    }

    /** Watch the owning entity: once the connection is open, its loss closes the connection. Local. */
    record Watch(ActorRef<EntityCommand> owner) implements RelayMessage {
    }

    /** This node's transport closed the connection, or it never opened: stop without telling the sink. Local. */
    record Detach() implements RelayMessage {
    }

    /** The owner (or its node) is gone. Sent by death watch, never across nodes. */
    record OwnerGone() implements RelayMessage {
    }
}
