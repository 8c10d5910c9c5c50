package dev.troupe.server.raw;

import dev.troupe.AccessRule;
import dev.troupe.Caller;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostChannel;
import dev.troupe.server.http.Cors;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.protocol.WebSocketUpgrade;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Serves a request below an actor's raw prefix: a {@code GET} with {@code Upgrade: websocket} opens a
 * raw WebSocket ({@link RawSocketEndpoint}), any other request goes to the actor's {@code onRequest}
 * and is answered with its response once the turn is durable. Access ({@code #raw}) is checked before
 * the body is read and before the upgrade, so a refusal is an HTTP {@code 403 auth/forbidden}; a raw
 * WebSocket is upgraded only after the actor accepted it, so a refusal of {@code onRawWebSocketOpen}
 * is an HTTP error too. Serve it from a route that counts as a call ({@code Route.call}). Stateless.
 */
public final class RawRoutes {
    private RawRoutes() {
    }

    /** What a protocol hides of the request from the actor: query parameters and headers that address or authenticate. */
    public record Hidden(Predicate<String> query, Set<String> headers) {
        /** Nothing hidden besides {@code Authorization}, which never reaches a raw handler. */
        public static final Hidden NONE = new Hidden(name -> false, Set.of());
    }

    /**
     * Serves the request held by {@code ex} for the actor at {@code address} as {@code caller}, {@code
     * path} being the path below the raw prefix (starting with {@code /}).
     *
     * @throws dev.troupe.TroupeException the wire error: {@code auth/forbidden}, {@code request/too_large},
     *                                    {@code raw/not_handled}, the handler's own error, ...
     */
    public static void serve(Exchange ex, Address address, CreateMode mode, Caller caller, String path, Hidden hidden)
            throws InterruptedException {
        if (isUpgrade(ex)) {
            upgrade(ex, address, mode, caller, path, hidden, null);
        } else {
            request(ex, address, mode, caller, path, hidden);
        }
    }

    /** Sends the request to the actor's {@code onRequest} and answers with its response, as {@link #serve} does. */
    public static void request(Exchange ex, Address address, CreateMode mode, Caller caller, String path, Hidden hidden)
            throws InterruptedException {
        Gateway gateway = ex.gateway();
        ex.checkDeclaredLength();
        gateway.host().authorize(address, caller, AccessRule.RAW);
        RawRequest request = ex.rawRequest(path, hidden.query(), hidden.headers(), true);
        RawResponse response = gateway.await(gateway.host().request(address, request, caller, mode),
                () -> "raw " + request.method() + " " + path + " of " + address);
        ex.raw(response);
    }

    /** A {@code GET} asking for a WebSocket ({@code Upgrade: websocket}, any case). */
    public static boolean isUpgrade(Exchange ex) {
        String upgrade = ex.header(HttpHeader.UPGRADE);
        return "GET".equals(ex.request().getMethod()) && upgrade != null
                && upgrade.trim().toLowerCase(Locale.ROOT).equals("websocket");
    }

    /**
     * Opens a raw WebSocket, as {@link #serve} does for an upgrade; {@code subprotocol}, if not null, is
     * the subprotocol the upgrade accepts.
     */
    public static void upgrade(Exchange ex, Address address, CreateMode mode, Caller caller, String path, Hidden hidden,
                               @Nullable String subprotocol) throws InterruptedException {
        Cors.refuseForeignUpgrade(ex.request(), ex.response());
        Gateway gateway = ex.gateway();
        gateway.host().authorize(address, caller, AccessRule.RAW);
        WebSocketUpgrade.checkHandshakeKey(ex);
        RawRequest upgrade = ex.rawRequest(path, hidden.query(), hidden.headers(), false);
        gateway.streams().admit(address);
        RawSocketEndpoint endpoint = new RawSocketEndpoint(gateway, address);
        HostChannel socket;
        try {
            socket = gateway.await(gateway.host().openRawSocket(address, upgrade, caller, mode, endpoint),
                    () -> "raw WebSocket " + path + " of " + address);
        } catch (RuntimeException | InterruptedException e) {
            gateway.streams().release(address);
            throw e;
        }
        endpoint.attach(socket);
        try {
            WebSocketUpgrade.upgradeTo(ex, endpoint, subprotocol);
        } catch (RuntimeException e) {
            endpoint.abandon();
            throw e;
        }
    }
}
