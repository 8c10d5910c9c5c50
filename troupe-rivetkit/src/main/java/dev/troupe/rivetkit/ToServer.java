package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;

/** A message of RivetKit's client protocol from the client to the actor, over a connection. */
sealed interface ToServer {

    /**
     * Calls an action.
     *
     * @param id   the client's id of the call, echoed in the answer
     * @param name the action name
     * @param args the arguments, an array (anything else is refused by the action's decoding)
     */
    record ActionRequest(long id, String name, JsonNode args) implements ToServer {
    }

    /**
     * Subscribes to an event, or unsubscribes.
     *
     * @param eventName the event
     * @param subscribe true to subscribe, false to unsubscribe
     */
    record SubscriptionRequest(String eventName, boolean subscribe) implements ToServer {
    }
}
