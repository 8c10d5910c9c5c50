package dev.troupe.server.v1;

import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.server.http.Cors;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.protocol.WebSocketUpgrade;
import dev.troupe.server.wire.Targets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v1/actors/{type}/connect} (or {@code /v1/ids/{id}/connect}): checks what can be checked before the upgrade (the page's
 * origin, type, key, mode, a header token and its scope, params, the handshake), so those mistakes get an HTTP status;
 * then upgrades to a {@link SocketEndpoint}. Stateless.
 */
final class SocketUpgrade {
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
        WebSocketUpgrade.checkHandshakeKey(ex);
        String params = ex.queryValue("params");
        Map<String, Object> queryParams = params == null ? Map.of() : Targets.params(Targets.parse(params));
        WebSocketUpgrade.upgradeTo(ex, new SocketEndpoint(gateway, address, mode, caller, queryParams), null);
    }
}
