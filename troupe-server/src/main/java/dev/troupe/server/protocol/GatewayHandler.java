package dev.troupe.server.protocol;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.http.Cors;
import dev.troupe.server.http.RequestChecks;
import dev.troupe.server.metrics.GatewayMetrics;
import dev.troupe.server.wire.WireErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The one Jetty handler of the server: serves the server's own routes ({@code /healthz} liveness,
 * {@code /readyz} readiness, {@code /metrics}) and hands every other request to the mounted {@link Protocol} owning its path, on
 * the request's virtual thread. Before any route runs it checks the HTTP rules every protocol shares
 * ({@link RequestChecks}) and answers the methods alike for every route ({@link Route}): {@code OPTIONS}
 * is {@code 204} with {@code Allow} (a CORS preflight from an origin not allowed is {@code 403
 * request/origin_not_allowed}, see {@link Cors}), a method the route lacks is {@code 405} with {@code
 * Allow}, and {@code HEAD} runs the route's {@code GET} without the body. While the server stops,
 * protocol routes answer {@code 503 actor/unavailable}. A path no protocol route matches answers {@code 404 request/not_found}. Every
 * failure becomes the JSON error of its code, so a client mistake never answers 500. Thread-safe.
 */
public final class GatewayHandler extends Handler.Abstract {
    /** The metrics label of requests no route matches. */
    private static final String UNMATCHED = "unmatched";
    private static final List<String> GET = List.of("GET");
    /** The server's own routes, served while it stops too. */
    private static final Map<String, Route> OWN_ROUTES = Map.of(
            "/healthz", Route.of("/healthz", GET, GatewayHandler::health),
            "/readyz", Route.of("/readyz", GET, GatewayHandler::ready),
            "/metrics", Route.of("/metrics", GET, GatewayHandler::metrics));

    private final Gateway gateway;
    private final List<Protocol> protocols;

    /** A handler serving {@code protocols} (whose path prefixes are distinct) with {@code gateway}. */
    public GatewayHandler(Gateway gateway, List<Protocol> protocols) {
        super(InvocationType.BLOCKING);
        this.gateway = gateway;
        this.protocols = List.copyOf(protocols);
    }

    /** Whether {@code path} is one of the server's own routes or owned by a mounted protocol. */
    public boolean serves(String path) {
        return OWN_ROUTES.containsKey(path) || owner(path) != null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        @Nullable Route own = OWN_ROUTES.get(path);
        @Nullable Route route = own != null ? own : protocolRoute(path);
        Exchange ex = new Exchange(gateway, request, response, callback, route != null ? route.template() : UNMATCHED);
        boolean counted = route != null && route.call();
        if (counted) {
            gateway.inFlight().begin();
        }
        try {
            serve(ex, route, own != null, path);
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

    private void serve(Exchange ex, @Nullable Route route, boolean own, String path) throws Exception {
        RequestChecks.check(ex.request());
        if (route == null) {
            throw WireErrors.routeNotFound(path);
        }
        String method = ex.request().getMethod();
        if (!route.allows(method)) {
            ex.response().getHeaders().put(HttpHeader.ALLOW, route.allow());
            throw WireErrors.methodNotAllowed(method, route.allow());
        }
        if (method.equals("OPTIONS")) {
            Cors.refuseForeignPreflight(ex.request(), ex.response());
            ex.response().getHeaders().put(HttpHeader.ALLOW, route.allow());
            ex.empty(204);
            return;
        }
        if (!own && gateway.isClosing()) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down");
        }
        route.endpoint().serve(ex);
    }

    /** {@code GET /healthz}: liveness; 503 once the server is stopping. */
    private static void health(Exchange ex) {
        boolean closing = ex.gateway().isClosing();
        ex.send(closing ? 503 : 200, "application/json",
                (closing ? "{\"status\":\"stopping\"}" : "{\"status\":\"ok\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /readyz}: readiness; 503 while the server stops or the runtime does not accept work. */
    private static void ready(Exchange ex) {
        boolean ready = !ex.gateway().isClosing() && ex.gateway().host().isAccepting();
        ex.send(ready ? 200 : 503, "application/json",
                (ready ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /metrics}: the Prometheus exposition. */
    private static void metrics(Exchange ex) {
        ex.send(200, GatewayMetrics.contentType(), ex.gateway().metrics().scrape().getBytes(StandardCharsets.UTF_8));
    }

    private @Nullable Route protocolRoute(String path) {
        Protocol owner = owner(path);
        return owner == null ? null : owner.route(path);
    }

    private @Nullable Protocol owner(String path) {
        for (Protocol protocol : protocols) {
            if (owns(protocol.pathPrefix(), path)) {
                return protocol;
            }
        }
        return null;
    }

    /** Whether a protocol at {@code prefix} owns {@code path}: the prefix itself or a path under it. */
    static boolean owns(String prefix, String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
