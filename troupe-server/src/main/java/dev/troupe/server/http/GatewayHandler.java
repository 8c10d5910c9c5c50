package dev.troupe.server.http;

import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.runtime.Address;
import dev.troupe.runtime.CreateMode;
import dev.troupe.server.auth.Authenticator;
import dev.troupe.server.metrics.GatewayMetrics;
import dev.troupe.server.wire.Gateway;
import dev.troupe.server.wire.Targets;
import dev.troupe.server.wire.WireErrors;
import dev.troupe.server.ws.SocketEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.jspecify.annotations.Nullable;

/**
 * The one Jetty handler of the gateway: matches the path to a route of wire protocol v1 and serves it
 * on the request's virtual thread. Every failure becomes the JSON error of its code, so a client
 * mistake never answers 500; unknown paths answer {@code 404 request/not_found} and unsupported
 * methods {@code 405 request/method_not_allowed}. While the server stops, actor routes answer
 * {@code 503 actor/unavailable}. Thread-safe.
 */
public final class GatewayHandler extends Handler.Abstract {
    private static final String WEBSOCKET_VERSION = "13";
    private static final int WEBSOCKET_NONCE_BYTES = 16;
    private final Gateway gateway;
    private final ServerWebSocketContainer sockets;

    /** A handler serving {@code gateway}, upgrading WebSockets through {@code sockets}. */
    public GatewayHandler(Gateway gateway, ServerWebSocketContainer sockets) {
        super(InvocationType.BLOCKING);
        this.gateway = gateway;
        this.sockets = sockets;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Route route = Route.match(path);
        Exchange ex = new Exchange(gateway, request, response, callback, route.template());
        boolean counted = route.kind() == Route.Kind.ACTION || route.kind() == Route.Kind.ACTOR;
        if (counted) {
            gateway.inFlight().begin();
        }
        try {
            serve(ex, route, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.fail(new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down"));
        } catch (Throwable failure) {
            ex.fail(failure);
        } finally {
            if (counted) {
                gateway.inFlight().end();
            }
        }
        return true;
    }

    private void serve(Exchange ex, Route route, String path) throws InterruptedException {
        RequestChecks.check(ex.request());
        if (route.kind() != Route.Kind.HEALTH && route.kind() != Route.Kind.METRICS
                && route.kind() != Route.Kind.UNMATCHED && gateway.isClosing()) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down");
        }
        switch (route.kind()) {
            case HEALTH -> {
                ex.requireMethod("GET");
                ex.send(gateway.isClosing() ? 503 : 200, "application/json",
                        (gateway.isClosing() ? "{\"status\":\"stopping\"}" : "{\"status\":\"ok\"}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            case METRICS -> {
                ex.requireMethod("GET");
                ex.send(200, GatewayMetrics.contentType(), gateway.metrics().scrape().getBytes(StandardCharsets.UTF_8));
            }
            case OPENAPI -> {
                ex.requireMethod("GET");
                ex.json(200, OpenApi.document(gateway.runtime().types()));
            }
            case ACTION -> ActorEndpoints.action(ex, route.type(), route.action());
            case ACTOR -> ActorEndpoints.actor(ex, route.type());
            case VIEW -> ActorEndpoints.view(ex, route.type());
            case EVENTS -> EventStream.serve(ex, route.type());
            case CONNECT -> upgrade(ex, route.type());
            case UNMATCHED -> throw WireErrors.routeNotFound(path);
        }
    }

    /**
     * {@code GET /v1/actors/{type}/connect}: checks what can be checked before the upgrade (type, key,
     * mode, a header token and its scope, params), so those mistakes get an HTTP status; then upgrades.
     */
    private void upgrade(Exchange ex, String typeName) {
        ex.requireMethod("GET");
        String authorization = ex.authorization();
        @Nullable Caller caller = authorization == null ? null : ex.caller();
        Address address = ex.address(typeName);
        if (caller != null) {
            Authenticator.checkScope(caller, address);
            gateway.runtime().type(typeName).checkAccess(caller, AccessRule.CONNECT);
        }
        CreateMode mode = ex.mode(CreateMode.GET_OR_CREATE);
        checkHandshakeKey(ex);
        String params = ex.queryValue("params");
        Map<String, Object> queryParams = params == null ? Map.of() : Targets.params(Targets.parse(params));
        boolean upgraded = sockets.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) ->
                        new SocketEndpoint(gateway, address, mode, caller, queryParams),
                ex.request(), ex.response(), ex.callback());
        if (!upgraded) {
            String version = ex.request().getHeaders().get(HttpHeader.SEC_WEBSOCKET_VERSION);
            if (version != null && !WEBSOCKET_VERSION.equals(version.trim())) {
                // RFC 6455 §4.2.2: name the version this server speaks.
                ex.response().getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, WEBSOCKET_VERSION);
                throw new TroupeException(ErrorCode.UPGRADE_REQUIRED, "this server speaks WebSocket version "
                        + WEBSOCKET_VERSION + " (RFC 6455), not '" + version.trim() + "'", Map.of("version", version.trim()));
            }
            ex.response().getHeaders().put(HttpHeader.UPGRADE, "websocket");
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "this route opens a WebSocket: send a GET with Upgrade: websocket, Connection: Upgrade, "
                            + "Sec-WebSocket-Key and Sec-WebSocket-Version: " + WEBSOCKET_VERSION);
        }
        gateway.metrics().request("GET", ex.route(), 101);
    }

    /**
     * RFC 6455 §4.1: a {@code Sec-WebSocket-Key}, when present, is the base64 of 16 bytes. Jetty
     * checks only that the header is there, and upgrades with an empty one.
     */
    private static void checkHandshakeKey(Exchange ex) {
        String key = ex.request().getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY);
        if (key == null) {
            return;
        }
        byte[] nonce;
        try {
            nonce = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            nonce = new byte[0];
        }
        if (nonce.length != WEBSOCKET_NONCE_BYTES) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "Sec-WebSocket-Key must be the base64 of "
                    + WEBSOCKET_NONCE_BYTES + " random bytes (RFC 6455)");
        }
    }
}
