package dev.troupe.rivetkit;

import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.http.Cors;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /gateway/{target}/connect}: upgrades to a {@link RivetSocket}. RivetKit's client cannot
 * tell a refused handshake from a network failure (Node's WebSocket never even reports the close), so
 * everything wrong with a RivetKit connect (its target, token, subprotocols, access) is reported after
 * the upgrade: an {@code Error} message, then a close whose reason is {@code group.code}. Only a
 * request that is not a RivetKit WebSocket handshake at all (no {@code rivet} subprotocol, no
 * upgrade) gets an HTTP error, and so does a handshake from a browser page of an origin the server
 * does not allow ({@code 403 request/origin_not_allowed}, as on protocol v1), which must not get a
 * socket at all. Stateless.
 */
final class RivetUpgrade {

    private RivetUpgrade() {
    }

    static void upgrade(Exchange ex, RivetKit settings, String segment) {
        Cors.refuseForeignUpgrade(ex.request(), ex.response());
        List<String> offered = ex.request().getHeaders().getCSV(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL, false);
        if (!offered.contains(Subprotocols.STANDARD)) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a RivetKit connection offers the WebSocket"
                    + " subprotocol 'rivet'", Map.of("subprotocols", offered));
        }
        Gateway gateway = ex.gateway();
        WireEncoding encoding = JsonEncoding.INSTANCE;
        RivetSocket.@Nullable Setup setup = null;
        TroupeException refusal = null;
        try {
            Subprotocols subprotocols = Subprotocols.parse(offered);
            encoding = subprotocols.encoding();
            setup = setup(ex, settings, segment, subprotocols);
        } catch (TroupeException e) {
            refusal = e;
        }
        WireEncoding chosen = encoding;
        RivetSocket.Setup accepted = setup;
        TroupeException refused = refusal;
        boolean upgraded = gateway.sockets().upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            upgradeResponse.setAcceptedSubProtocol(Subprotocols.STANDARD);
            return new RivetSocket(gateway, chosen, accepted, refused);
        }, ex.request(), ex.response(), ex.callback());
        if (!upgraded) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "this route opens a WebSocket: send a GET with"
                    + " Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Key and Sec-WebSocket-Version: 13");
        }
        ex.answered(101);
    }

    private static RivetSocket.Setup setup(Exchange ex, RivetKit settings, String segment, Subprotocols subprotocols) {
        GatewayTarget target = GatewayTarget.parse(segment, Query.of(ex.request()), settings.namespace());
        if (subprotocols.actorId() != null
                && !(target instanceof GatewayTarget.ById byId && byId.actorId().equals(subprotocols.actorId()))) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "rivet_actor names another actor than the path");
        }
        Caller caller = Credentials.caller(ex.gateway().authenticator(), target.token(), subprotocols.token());
        Destination destination = Destination.of(target, ex.gateway().host());
        ex.gateway().host().authorize(destination.address(), caller, AccessRule.CONNECT);
        return new RivetSocket.Setup(destination, caller, subprotocols.params());
    }
}
