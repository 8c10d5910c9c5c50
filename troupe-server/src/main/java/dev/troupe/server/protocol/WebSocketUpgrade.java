package dev.troupe.server.protocol;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/** The WebSocket handshake checks and the upgrade shared by the protocols' WebSocket routes. Stateless. */
public final class WebSocketUpgrade {
    private static final String WEBSOCKET_VERSION = "13";
    private static final int WEBSOCKET_NONCE_BYTES = 16;

    private WebSocketUpgrade() {
    }

    /**
     * Upgrades the request to a WebSocket served by {@code endpoint}, accepting {@code subprotocol} if it
     * is not null, or throws why it cannot:
     * {@code 426 request/upgrade_required} for another WebSocket version, else {@code 400
     * request/invalid_request}.
     */
    public static void upgradeTo(Exchange ex, Object endpoint, @Nullable String subprotocol) {
        boolean upgraded = ex.gateway().sockets().upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            if (subprotocol != null) {
                upgradeResponse.setAcceptedSubProtocol(subprotocol);
            }
            return endpoint;
        }, ex.request(), ex.response(), ex.callback());
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
    public static void checkHandshakeKey(Exchange ex) {
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
