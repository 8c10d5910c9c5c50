package dev.troupe.rivetkit;

import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.CreateMode;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.raw.RawRoutes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * RivetKit's raw handlers: {@code /gateway/{target}/request/{path}} (any method; {@code handle.fetch})
 * reaches the actor's {@code onRequest}, and {@code /gateway/{target}/websocket/{path}} ({@code
 * handle.websocket}) opens a raw WebSocket on it ({@code onRawWebSocketOpen}), both through
 * {@link RawRoutes}, as on protocol v1. The {@code rvt-*} parameters address the actor and are not
 * passed to it, nor are the token headers ({@code x-rivet-token}, {@code Authorization}) and, on a
 * WebSocket, the subprotocols (which may carry {@code rivet_token.*}). A {@code getOrCreate} target
 * with {@code rvt-input} creates the actor with that input first. Unlike a RivetKit {@code connect}, a
 * refused raw WebSocket is an HTTP error before the upgrade: it is the client's own socket, which sees
 * the failed handshake. Stateless.
 */
final class RawGateway {
    private static final String TOKEN_SUBPROTOCOL = "rivet_token.";
    private static final RawRoutes.Hidden HIDDEN = new RawRoutes.Hidden(name -> name.startsWith("rvt-"),
            Set.of("x-rivet-token", "sec-websocket-protocol"));

    private RawGateway() {
    }

    /** {@code …/request/{path}}: the actor's {@code onRequest}. */
    static void request(Exchange ex, RivetKit settings, String segment, String path) throws InterruptedException {
        Target actor = target(ex, settings, segment,
                Credentials.headerToken(ex.request().getHeaders().get("x-rivet-token"), ex.authorization()));
        RawRoutes.request(ex, actor.destination().address(), actor.destination().mode(), actor.caller(), path, HIDDEN);
    }

    /** {@code …/websocket/{path}}: a raw WebSocket, accepting the {@code rivet} subprotocol if offered. */
    static void websocket(Exchange ex, RivetKit settings, String segment, String path) throws InterruptedException {
        if (!RawRoutes.isUpgrade(ex)) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "this route opens a raw WebSocket: send a GET with"
                    + " Upgrade: websocket; raw HTTP requests go to /gateway/{target}/request/…");
        }
        List<String> offered = ex.request().getHeaders().getCSV(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL, false);
        @Nullable String token = offered.stream().filter(p -> p.startsWith(TOKEN_SUBPROTOCOL))
                .map(p -> p.substring(TOKEN_SUBPROTOCOL.length())).findFirst().orElse(null);
        Target actor = target(ex, settings, segment, token);
        RawRoutes.upgrade(ex, actor.destination().address(), actor.destination().mode(), actor.caller(), path, HIDDEN,
                offered.contains(Subprotocols.STANDARD) ? Subprotocols.STANDARD : null);
    }

    /** Where a raw request goes, and as whom. */
    private record Target(Destination destination, Caller caller) {
    }

    /**
     * The actor of {@code segment} and the {@code rvt-*} parameters (the others are the actor's), and
     * the caller of the tokens; a target with an input is created first.
     */
    private static Target target(Exchange ex, RivetKit settings, String segment, @Nullable String headerToken) {
        Map<String, List<String>> gateway = new LinkedHashMap<>(Query.of(ex.request()));
        gateway.keySet().removeIf(name -> !name.startsWith("rvt-"));
        GatewayTarget target = GatewayTarget.parse(segment, gateway, settings.namespace());
        Caller caller = Credentials.caller(ex.gateway().authenticator(), target.token(), headerToken);
        ActorHost host = ex.gateway().host();
        Destination destination = Destination.of(target, host);
        if (destination.mode() != CreateMode.GET && destination.input().isPresent()) {
            destination.create(host, caller, ex.gateway().config().callTimeout());
        }
        return new Target(destination, caller);
    }
}
