package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/**
 * The actor of the typed-event tests: it declares the events {@code message-posted} (a {@link
 * MessagePosted}) and {@code audit} (a string), and has actions that broadcast them rightly and wrongly.
 */
@ActorContract("test-newsroom")
public interface Newsroom {
    /** Counts a message and broadcasts it as {@code message-posted}, then {@code audit}; answers the count. */
    long post(String author, String text);

    /** Counts a message, then broadcasts {@code message-posted} with a payload that breaks its schema. */
    long postBroken(String author);

    /** Counts a message, then broadcasts {@code gossip}, an event the type does not declare. */
    long postUndeclared();

    /** Broadcasts {@code gossip}, an event the type does not declare, at once ({@code broadcastNow}). */
    void gossipNow();

    /** How many messages were counted. */
    @ReadOnly
    long count();

    /** The payload of {@code message-posted}. */
    record MessagePosted(String author, String text, long seq) {
    }
}
