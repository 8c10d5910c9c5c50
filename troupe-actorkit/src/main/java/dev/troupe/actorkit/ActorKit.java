package dev.troupe.actorkit;

import dev.troupe.server.ServerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Actor Kit adapter's settings, and the step that mounts it on a server: Actor Kit's protocol as
 * the unmodified {@code actor-kit@0.47.0} client speaks it ({@code createActorFetch} for server-side
 * snapshot fetches, {@code createActorKitClient} for the JSON-Patch WebSocket), served at {@code
 * /api/{type}/{id}} beside wire protocol v1 on the same server and runtime, with the same limits,
 * metrics and graceful stop.
 *
 * {@snippet :
 * ServerConfig config = ActorKit.withSecret(actorKitSecret).mountOn(ServerConfig.port(6420));
 * // then, unchanged: createActorFetch({actorType: "todo-list", host: "localhost:6420"})({actorId, accessToken})
 * }
 *
 * <p>{@code {type}} is a Troupe type and {@code {id}} the one-part key {@code Key.of(id)}. Machine
 * actors ({@code MachineActor}) are served as they are; a plain actor type is served once it is
 * {@linkplain #map mapped}. Requests authenticate with Actor Kit's tokens (HS256 with the app's {@code
 * ACTOR_KIT_SECRET}; {@code jti} the actor id, {@code aud} the actor type, {@code sub} {@code
 * "client-…"} or {@code "service-…"}, minted in Java by {@code TokenIssuer.actorKit}); {@code
 * system-…} callers are refused. A token in a WebSocket URL must expire within {@link
 * #urlTokenLifetime()}. Immutable and thread-safe.
 */
public final class ActorKit {
    /** The Actor Kit client version this adapter speaks. */
    public static final String CLIENT_VERSION = "0.47.0";
    /** The default longest remaining lifetime of a token in a WebSocket URL. */
    public static final Duration DEFAULT_URL_TOKEN_LIFETIME = Duration.ofHours(1);

    private static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;
    private final Duration urlTokenLifetime;
    private final Map<String, ActorKitMapping> mappings;

    private ActorKit(byte[] secret, Duration urlTokenLifetime, Map<String, ActorKitMapping> mappings) {
        this.secret = secret;
        this.urlTokenLifetime = urlTokenLifetime;
        this.mappings = Map.copyOf(mappings);
    }

    /**
     * The adapter verifying tokens with {@code secret}, the UTF-8 bytes of the app's {@code
     * ACTOR_KIT_SECRET}.
     *
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes (HS256's key size)
     */
    public static ActorKit withSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an Actor Kit secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new ActorKit(secret.clone(), DEFAULT_URL_TOKEN_LIFETIME, Map.of());
    }

    /**
     * Accepts tokens in WebSocket URLs that expire within {@code value} (default {@link
     * #DEFAULT_URL_TOKEN_LIFETIME}). URLs end up in proxies' logs and browser histories, so keep it
     * short; {@code createAccessToken} of actor-kit itself mints 30-day tokens, which need 30 days here.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ActorKit urlTokenLifetime(Duration value) {
        Objects.requireNonNull(value, "urlTokenLifetime");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the URL token lifetime must be positive");
        }
        return new ActorKit(secret, value, mappings);
    }

    /**
     * Serves the plain (non-machine) actor type {@code type} through {@code mapping}: its snapshot hook
     * and its events' actions. Replaces an earlier mapping of the type.
     */
    public ActorKit map(String type, ActorKitMapping mapping) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapping, "mapping");
        Map<String, ActorKitMapping> copy = new LinkedHashMap<>(mappings);
        copy.put(type, mapping);
        return new ActorKit(secret, urlTokenLifetime, copy);
    }

    /** Mounts the adapter at {@code /api} on {@code config}. */
    public ServerConfig mountOn(ServerConfig config) {
        return config.mount(new ApiProtocol(this));
    }

    /** The longest remaining lifetime of a token in a WebSocket URL. */
    public Duration urlTokenLifetime() {
        return urlTokenLifetime;
    }

    byte[] secret() {
        return secret.clone();
    }

    @Nullable ActorKitMapping mapping(String type) {
        return mappings.get(type);
    }
}
