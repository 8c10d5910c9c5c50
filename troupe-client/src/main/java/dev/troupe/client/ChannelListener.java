package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.TroupeException;

/**
 * Receives what arrives on a {@link RemoteChannel}: the actor's messages, in the order it sent them,
 * then at most one close. Runs on the client's WebSocket thread; must return quickly.
 */
public interface ChannelListener {

    /** One message from the actor, as JSON. */
    void onMessage(JsonNode message);

    /**
     * The channel closed, not by this client's {@link RemoteChannel#close}: {@code channel/closed} (the
     * actor closed it), {@code actor/not_found} (the actor was destroyed), {@code actor/unavailable}
     * (the server's runtime stopped), {@code channel/disconnected} (the socket dropped or the connection
     * was closed: channels do not survive a reconnect).
     */
    default void onClosed(ActorError reason) {
    }

    /** The server refused a message sent on the channel ({@code message/too_large}, say); the channel stays open. */
    default void onError(TroupeException error) {
    }
}
