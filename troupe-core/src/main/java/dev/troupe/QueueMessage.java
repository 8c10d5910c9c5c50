package dev.troupe;

import org.jspecify.annotations.Nullable;

/**
 * One message of an actor's queue as its run loop takes it ({@link RunLoop#next}): the queue's name
 * and the message, the JSON value decoded to maps, lists, strings, numbers, booleans and null.
 */
public record QueueMessage(String queue, @Nullable Object body) {
}
