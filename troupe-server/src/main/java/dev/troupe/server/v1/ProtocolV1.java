package dev.troupe.server.v1;

import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import dev.troupe.Caller;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.server.raw.RawRoutes;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * Wire protocol v1 ({@code docs/protocol.md}), mounted at {@code /v1}: HTTP actions and lifecycle,
 * views, server-sent events, WebSocket connections, actors' raw handlers ({@code …/raw/…}), turn history, the listing of a type's actors, the
 * content store and the OpenAPI document; an actor is named by type and key ({@code /v1/actors/{type}/…})
 * or by id ({@code /v1/ids/{id}/…}). Matching
 * is exact (except below an actor's raw prefix, which is the actor's): no trailing slashes, no empty segments, no decoding of the type or action names. One
 * instance per server: it holds the server's resumable event streams. Thread-safe.
 */
public final class ProtocolV1 implements Protocol {
    /** The path v1 owns. */
    public static final String PREFIX = "/v1";
    private static final String ACTORS = PREFIX + "/actors/";
    private static final String IDS = PREFIX + "/ids/";
    private static final String OPENAPI = PREFIX + "/openapi.json";
    private static final String ASYNCAPI = PREFIX + "/asyncapi.json";
    private static final String CONTENT = PREFIX + "/content";
    private static final String LABELS = PREFIX + "/labels/";
    private static final List<String> GET = List.of("GET");
    private static final String RAW = "raw";
    /** The methods an actor's raw prefix serves ({@code HEAD} as {@code GET}; {@code OPTIONS} is the server's). */
    private static final List<String> RAW_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** By key, {@code key} and {@code mode} name the actor and are not the raw handler's. */
    private static final RawRoutes.Hidden HIDDEN_BY_KEY = new RawRoutes.Hidden(Set.of("key", "mode")::contains, Set.of());

    /** The event streams this server holds, for clients that resume them. */
    private final EventStreams eventStreams = new EventStreams();

    @Override
    public String pathPrefix() {
        return PREFIX;
    }

    @Override
    public @Nullable Route route(String path) {
        if (path.equals(OPENAPI)) {
            return Route.of(OPENAPI, GET, ProtocolV1::openApi);
        }
        if (path.equals(ASYNCAPI)) {
            return Route.of(ASYNCAPI, GET, ProtocolV1::asyncApi);
        }
        if (path.equals(CONTENT)) {
            return Route.call(CONTENT, List.of("POST"), ContentEndpoints::upload);
        }
        String content = singleSegment(path, CONTENT + "/");
        if (content != null) {
            return Route.call("/v1/content/{hash}", List.of("GET", "PUT"), ex -> ContentEndpoints.content(ex, content));
        }
        String label = singleSegment(path, LABELS);
        if (label != null) {
            return Route.call("/v1/labels/{name}", List.of("GET", "PUT", "DELETE"), ex -> ContentEndpoints.label(ex, label));
        }
        Route raw = path.startsWith(ACTORS) ? raw(path.substring(ACTORS.length()), true)
                : path.startsWith(IDS) ? raw(path.substring(IDS.length()), false) : null;
        if (raw != null) {
            return raw;
        }
        if (path.startsWith(ACTORS)) {
            String[] parts = segments(path.substring(ACTORS.length()));
            return parts == null ? null : byType(parts);
        }
        if (path.startsWith(IDS)) {
            String[] parts = segments(path.substring(IDS.length()));
            return parts == null ? null : byId(parts);
        }
        return null;
    }

    /** The segments of the rest of a path, or null if one is empty (a trailing or doubled slash). */
    private static String @Nullable [] segments(String rest) {
        String[] parts = rest.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    /** The routes under {@code /v1/actors/{type}}: the actor of a type and key, the type's listing. */
    private @Nullable Route byType(String[] parts) {
        String type = parts[0];
        Target target = new Target.ByKey(type);
        if (parts.length == 1) {
            return Route.call("/v1/actors/{type}", List.of("GET", "POST", "DELETE"), ex -> ActorEndpoints.actor(ex, target));
        }
        if (parts.length == 2) {
            return switch (parts[1]) {
                case "view" -> Route.of("/v1/actors/{type}/view", GET, ex -> ActorEndpoints.view(ex, target));
                case "events" -> Route.of("/v1/actors/{type}/events", GET, ex -> EventStream.serve(ex, target, eventStreams));
                case "connect" -> Route.of("/v1/actors/{type}/connect", GET, ex -> SocketUpgrade.upgrade(ex, target));
                case "history" -> Route.of("/v1/actors/{type}/history", GET, ex -> HistoryEndpoints.entries(ex, type));
                case "list" -> Route.call("/v1/actors/{type}/list", GET, ex -> ActorListing.list(ex, type));
                default -> null;
            };
        }
        if (parts.length == 3 && parts[1].equals("history")) {
            return switch (parts[2]) {
                case "verify" -> Route.of("/v1/actors/{type}/history/verify", GET, ex -> HistoryEndpoints.verify(ex, type));
                case "state" -> Route.of("/v1/actors/{type}/history/state", GET, ex -> HistoryEndpoints.state(ex, type));
                case "export" -> Route.of("/v1/actors/{type}/history/export", GET, ex -> HistoryEndpoints.export(ex, type));
                default -> null;
            };
        }
        if (parts.length == 3 && parts[1].equals("actions")) {
            String action = parts[2];
            return Route.call("/v1/actors/{type}/actions/{action}", List.of("POST"), ex -> ActorEndpoints.action(ex, target, action));
        }
        if (parts.length == 3 && parts[1].equals("queues")) {
            String queue = parts[2];
            return Route.call("/v1/actors/{type}/queues/{queue}", List.of("POST"), ex -> ActorEndpoints.enqueue(ex, target, queue));
        }
        return null;
    }

    /** The routes under {@code /v1/ids/{id}}: the same operations on an existing actor named by its id. */
    private @Nullable Route byId(String[] parts) {
        Target target = new Target.ById(parts[0]);
        if (parts.length == 1) {
            return Route.call("/v1/ids/{id}", List.of("GET", "DELETE"), ex -> ActorEndpoints.actor(ex, target));
        }
        if (parts.length == 2) {
            return switch (parts[1]) {
                case "view" -> Route.of("/v1/ids/{id}/view", GET, ex -> ActorEndpoints.view(ex, target));
                case "events" -> Route.of("/v1/ids/{id}/events", GET, ex -> EventStream.serve(ex, target, eventStreams));
                case "connect" -> Route.of("/v1/ids/{id}/connect", GET, ex -> SocketUpgrade.upgrade(ex, target));
                default -> null;
            };
        }
        if (parts.length == 3 && parts[1].equals("actions")) {
            String action = parts[2];
            return Route.call("/v1/ids/{id}/actions/{action}", List.of("POST"), ex -> ActorEndpoints.action(ex, target, action));
        }
        if (parts.length == 3 && parts[1].equals("queues")) {
            String queue = parts[2];
            return Route.call("/v1/ids/{id}/queues/{queue}", List.of("POST"), ex -> ActorEndpoints.enqueue(ex, target, queue));
        }
        return null;
    }

    /**
     * {@code {type}/raw[/…]} or {@code {id}/raw[/…]}: an actor's raw prefix, any method, the rest of the
     * path (from its {@code /}, empty segments and trailing slash included) for the actor's handler.
     */
    private static @Nullable Route raw(String rest, boolean byKey) {
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String after = rest.substring(slash + 1);
        if (!after.equals(RAW) && !after.startsWith(RAW + "/")) {
            return null;
        }
        String name = rest.substring(0, slash);
        String below = after.equals(RAW) ? "/" : after.substring(RAW.length());
        Target target = byKey ? new Target.ByKey(name) : new Target.ById(name);
        return Route.call(byKey ? "/v1/actors/{type}/raw/{path}" : "/v1/ids/{id}/raw/{path}", RAW_METHODS, ex -> {
            Caller caller = ex.caller();
            Address address = Addressing.address(ex, target);
            CreateMode mode = Addressing.mode(ex, target, CreateMode.GET_OR_CREATE);
            RawRoutes.serve(ex, address, mode, caller, below, byKey ? HIDDEN_BY_KEY : RawRoutes.Hidden.NONE);
        });
    }

    /** The one non-empty segment after {@code prefix}, or null if the path is not of that form. */
    private static @Nullable String singleSegment(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        String segment = path.substring(prefix.length());
        return segment.isEmpty() || segment.indexOf('/') >= 0 ? null : segment;
    }

    /** {@code GET /v1/asyncapi.json}: the AsyncAPI document of every registered type's WebSocket events. */
    private static void asyncApi(Exchange ex) {
        @Nullable String host = ex.request().getHeaders().get(HttpHeader.HOST);
        ex.json(200, AsyncApi.document(ex.gateway().host().types(), host == null || host.isBlank() ? "localhost" : host,
                ex.request().isSecure()));
    }

    /** {@code GET /v1/openapi.json}: the OpenAPI document of every registered type. */
    private static void openApi(Exchange ex) {
        ex.json(200, OpenApi.document(ex.gateway().host().types()));
    }
}
