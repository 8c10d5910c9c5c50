package dev.troupe.actorkit;

import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.http.Cors;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;

/**
 * {@code GET /api/{type}/{id}?accessToken=<token>&checksum=<c>} with {@code Upgrade: websocket}:
 * refuses a browser page of an origin the server does not allow ({@code 403 request/origin_not_allowed},
 * as protocol v1 does), checks the token (which must expire within {@link ActorKit#urlTokenLifetime()}) and the caller's
 * {@code #connect} permission, then upgrades to an {@link ActorKitSocket}. A refusal is the HTTP error
 * of its code, before the upgrade; actor-kit's client cannot see it and retries, which is harmless.
 * The {@code checksum} is ignored: every connection starts with the full snapshot. Stateless.
 */
final class ActorKitUpgrade {

    private ActorKitUpgrade() {
    }

    static void upgrade(Exchange ex, ActorKit settings, ActorKitTokens tokens, String type, String id) {
        Cors.refuseForeignUpgrade(ex.request(), ex.response());
        Gateway gateway = ex.gateway();
        Served served = Served.of(settings, gateway.host(), type, id);
        Caller caller = tokens.caller(ex.queryValue("accessToken"), type, id, true);
        gateway.host().authorize(served.address(), caller, AccessRule.CONNECT);
        gateway.streams().admit(served.address());
        boolean upgraded;
        try {
            upgraded = gateway.sockets().upgrade((request, response, callback) -> new ActorKitSocket(gateway, served, caller),
                    ex.request(), ex.response(), ex.callback());
        } catch (RuntimeException e) {
            gateway.streams().release(served.address());
            throw e;
        }
        if (!upgraded) {
            gateway.streams().release(served.address());
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "this route opens a WebSocket: send a GET with"
                    + " Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Key and Sec-WebSocket-Version: 13");
        }
        ex.answered(101);
    }
}
