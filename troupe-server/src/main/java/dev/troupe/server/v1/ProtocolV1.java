package dev.troupe.server.v1;

import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * Wire protocol v1 ({@code docs/protocol.md}), mounted at {@code /v1}: HTTP actions and lifecycle,
 * views, server-sent events, WebSocket connections, turn history, the listing of a type's actors, the
 * content store and the OpenAPI document; an actor is named by type and key ({@code /v1/actors/{type}/…})
 * or by id ({@code /v1/ids/{id}/…}). Matching
 * is exact: no trailing slashes, no empty segments, no decoding of the type or action names. One
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
