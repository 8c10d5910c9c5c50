package dev.troupe;

import java.time.Instant;
import java.util.Objects;

/**
 * One child of an actor, as {@link Children#list()} reports it: its name, its type and where it lives.
 * A child's key is derived from its parent: {@code [parentId, name]} (see {@link Children}).
 *
 * @param name      the name the parent gave the child at {@link Children#spawn spawn}, unique per parent
 *                  and child type
 * @param type      the child's actor type
 * @param key       the child's key, {@code [parentId, name]}
 * @param id        the child's own id
 * @param createdAt when the child was spawned
 */
public record ChildInfo(String name, String type, Key key, String id, Instant createdAt) {

    /** Checks that no field is missing. */
    public ChildInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
