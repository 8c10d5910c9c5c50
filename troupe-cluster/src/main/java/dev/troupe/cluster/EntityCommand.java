package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * What a sharding entity ({@link ActorEntity}) receives: the host operations forwarded from the node
 * a caller reached, the operations of connections that node holds, and the entity's own lifecycle.
 * Values are JSON; the owner decodes arguments with the action's own decoding.
 */
sealed interface EntityCommand extends ClusterMessage {

    /** An action call; {@code connection} names a connection the caller's node opened, or is null. */
    record Call(String action, JsonNode args, Caller caller, CreateMode mode, JsonNode input,
                @Nullable String connection, ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /** An explicit creation; replies with the actor's info. */
    record Create(JsonNode input, Caller caller, ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /** Destroys the actor. */
    record Destroy(ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /** The caller's view. */
    record View(Caller caller, CreateMode mode, JsonNode input, ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /**
     * Opens a connection whose events go to {@code relay} on the caller's node; replies with the
     * actor id. {@code connection} is the id the caller's node gave it.
     */
    record Connect(String connection, Caller caller, Map<String, Object> params, CreateMode mode, JsonNode input,
                   ActorRef<RelayMessage> relay, ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /** Subscribes a held connection to an event, or unsubscribes it. */
    record Subscribe(String connection, String event, boolean subscribed) implements EntityCommand {
    }

    /** Turns view sync of a held connection on or off; replies when done. */
    record SyncViews(String connection, boolean enabled, ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /** The current view of a held connection. */
    record ConnectionView(String connection, ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /** The caller's node closed a held connection. */
    record Disconnect(String connection) implements EntityCommand {
    }

    /** A schedule of the actor is due: start the entity here so that this node's runtime runs it. */
    record Wake(ActorRef<Reply> replyTo) implements EntityCommand {
    }

    /** Sharding moves the actor away (hand-off, passivation, leave): release it, then stop. */
    record Release() implements EntityCommand {
    }

    /** The runtime released the actor; the entity may stop. Sent by the entity to itself. */
    record Released() implements EntityCommand {
    }

    /**
     * The runtime opened (or refused) a connection of {@link Connect}. Sent by the entity to itself, so
     * that it records the connection and watches the relay on its own thread.
     */
    record Opened(Connect request, @Nullable HostConnection connection, @Nullable Throwable failure)
            implements EntityCommand {
    }

    /** The node holding a connection went away. Sent by death watch, never across nodes. */
    record RelayGone(String connection) implements EntityCommand {
    }
}
