package dev.troupe;

import java.time.Instant;

/**
 * What is known about an existing actor without waking it.
 *
 * @param id        the actor's unique id
 * @param type      the actor type name
 * @param key       the actor key
 * @param createdAt when the actor was created
 */
public record ActorInfo(String id, String type, Key key, Instant createdAt) {
}
