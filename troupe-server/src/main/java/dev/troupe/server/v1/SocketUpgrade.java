package dev.troupe.server.v1;

import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.server.http.Cors;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.wire.Targets;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v1/actors/{type}/connect} (or {@code /v1/ids/{id}/connect}): checks what can be checked before the upgrade (the page's
 * origin, type, key, mode, a header token and its scope, params, the handshake), so those mistakes get an HTTP status;
 * then upgrades to a {@link SocketEndpoint}. Stateless.
 */
final class SocketUpgrade {
    private static final String WEBSOCKET_VERSION = "13";
    private static final int WEBSOCKET_NONCE_BYTES = 16;

    private SocketUpgrade() {
    }

    /** Upgrades the request, or throws the wire error of what is wrong with it. */
    static void upgrade(Exchange ex, Target target) {
        Cors.refuseForeignUpgrade(ex.request(), ex.response());
        Gateway gateway = ex.gateway();
        String authorization = ex.authorization();
        @Nullable Caller caller = authorization == null ? null : ex.caller();
        Address address = Addressing.address(ex, target);
        if (caller != null) {
            gateway.host().authorize(address, caller, AccessRule.CONNECT);
        }
        CreateMode mode = Addressing.mode(ex, target, CreateMode.GET_OR_CREATE);
        checkHandshakeKey(ex);
        String params = ex.queryValue("params");
        Map<String, Object> queryParams = params == null ? Map.of() : Targets.params(Targets.parse(params));
        boolean upgraded = gateway.sockets().upgrade((upgradeRequest, upgradeResponse, upgradeCallback) ->
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
        ex.answered(101);
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
