package dev.troupe.rivetkit;

import dev.troupe.server.ServerConfig;
import java.util.Objects;

/**
 * The RivetKit adapter's settings, and the step that mounts it on a server: RivetKit's client protocol
 * as the unmodified {@code rivetkit@2.3.19} client speaks it with its default options ({@code
 * createClient(endpoint)}: BARE, plus JSON and CBOR when chosen), served beside wire protocol v1 on the
 * same server and runtime, with the same authentication, limits, metrics and graceful stop.
 *
 * {@snippet :
 * ServerConfig config = RivetKit.defaults().mountOn(ServerConfig.port(6420));
 * // then, in the front end, unchanged: createClient("http://host:6420").counter.getOrCreate(["a"]).increment(1)
 * }
 *
 * <p>It owns the paths {@code /metadata}, {@code /actors} and {@code /gateway}. Actor names are Troupe
 * type names; keys are Troupe keys. Tokens are Troupe's JWTs, and the ones RivetKit's client puts in
 * URLs ({@code rvt-token}, {@code /gateway/{id}@token}) must expire within 5 minutes, like every
 * token in a URL. Immutable and thread-safe.
 */
public final class RivetKit {
    /** The RivetKit client version this adapter speaks, reported by {@code GET /metadata}. */
    public static final String CLIENT_VERSION = "2.3.19";
    /** The one namespace served; RivetKit's client sends {@code default} unless told otherwise. */
    public static final String DEFAULT_NAMESPACE = "default";

    private final String namespace;
    private final boolean preflightConnect;

    private RivetKit(String namespace, boolean preflightConnect) {
        this.namespace = namespace;
        this.preflightConnect = preflightConnect;
    }

    /** The adapter serving the namespace {@code default}, without connect preflight. */
    public static RivetKit defaults() {
        return new RivetKit(DEFAULT_NAMESPACE, false);
    }

    /**
     * Serves {@code value} as the only namespace instead of {@code default} (RivetKit's {@code
     * namespace} client option); requests naming another are refused with {@code request/invalid_request}.
     */
    public RivetKit namespace(String value) {
        Objects.requireNonNull(value, "namespace");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the namespace must not be empty");
        }
        return new RivetKit(value, preflightConnect);
    }

    /**
     * Whether every stateless HTTP action first opens a connection with the request's conn params
     * ({@code x-rivet-conn-params}) and closes it after the call, so the actor's {@code onBeforeConnect},
     * {@code onConnect} and {@code onDisconnect} run for it as RivetKit runs them. RivetKit apps often
     * authenticate in {@code onBeforeConnect}; with this off (the default), HTTP actions are authorised
     * by the token and the type's access rules only, and conn params sent with them are ignored. Costs
     * two more turns per HTTP action.
     */
    public RivetKit preflightConnect(boolean value) {
        return new RivetKit(namespace, value);
    }

    /** Mounts the adapter's three paths on {@code config}. */
    public ServerConfig mountOn(ServerConfig config) {
        return config.mount(new MetadataProtocol(this)).mount(new ActorsProtocol(this)).mount(new GatewayProtocol(this));
    }

    /** The namespace served. */
    public String namespace() {
        return namespace;
    }

    /** Whether HTTP actions run the connect hooks first. */
    public boolean preflightConnect() {
        return preflightConnect;
    }
}
