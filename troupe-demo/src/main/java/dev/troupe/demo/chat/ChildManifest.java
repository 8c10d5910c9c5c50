package dev.troupe.demo.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * What a conversation can start as a child: a manifest read from JSON, naming the actor type that does
 * the work and the action each new message goes to (called with the message's text as its one argument;
 * its result is the child's answer in the message's rollup).
 *
 * @param name        the child's name in a conversation (a key part)
 * @param description what it does, for the child list
 * @param version     the manifest's version
 * @param actorType   the registered actor type that does the work (Java or WebAssembly)
 * @param action      the action of that type each message goes to
 */
public record ChildManifest(String name, String description, String version,
                            @JsonProperty("actorType") String actorType, String action) {
    /** Checks the fields. */
    public ChildManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(action, "action");
    }

    /** The manifest in {@code json}. */
    public static ChildManifest parse(byte[] json) {
        try {
            return Json.mapper().readValue(json, ChildManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a child manifest: " + e.getMessage(), e);
        }
    }

    /** The manifest {@code <name>.json} shipped with the demo (beside this class). */
    static ChildManifest builtIn(String name) {
        try (InputStream in = ChildManifest.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in child manifest " + name);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
