package dev.troupe.host;

import dev.troupe.Key;

/**
 * Where an actor lives: its type name and key. The directory's key; printed as {@code type/["k"]}.
 *
 * @param type the actor type name
 * @param key  the actor key
 */
public record Address(String type, Key key) {
    @Override
    public String toString() {
        return type + "/" + key.toJson();
    }
}
