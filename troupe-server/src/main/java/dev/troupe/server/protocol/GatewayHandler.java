package dev.troupe.server.protocol;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.http.RequestChecks;
import dev.troupe.server.metrics.GatewayMetrics;
import dev.troupe.server.wire.WireErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The one Jetty handler of the server: serves the server's own routes ({@code /healthz} liveness,
 * {@code /readyz} readiness, {@code /metrics}) and hands every other request to the mounted {@link Protocol} owning its path, on
 * the request's virtual thread. Before any route runs it checks the HTTP rules every protocol shares
 * ({@link RequestChecks}); while the server stops, protocol routes answer {@code 503
 * actor/unavailable}. A path no protocol route matches answers {@code 404 request/not_found}. Every
 * failure becomes the JSON error of its code, so a client mistake never answers 500. Thread-safe.
 */
public final class GatewayHandler extends Handler.Abstract {
    /** The metrics label of requests no route matches. */
    private static final String UNMATCHED = "unmatched";
    private static final String HEALTH = "/healthz";
    private static final String READY = "/readyz";
    private static final String METRICS = "/metrics";

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
        return path.equals(HEALTH) || path.equals(READY) || path.equals(METRICS) || owner(path) != null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        @Nullable Route route = route(path);
        String template = route != null ? route.template()
                : path.equals(HEALTH) || path.equals(READY) || path.equals(METRICS) ? path : UNMATCHED;
        Exchange ex = new Exchange(gateway, request, response, callback, template);
        boolean counted = route != null && route.call();
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

    private void serve(Exchange ex, @Nullable Route route, String path) throws Exception {
        RequestChecks.check(ex.request());
        if (route != null) {
            if (gateway.isClosing()) {
                throw new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down");
            }
            route.endpoint().serve(ex);
            return;
        }
        switch (path) {
            case HEALTH -> {
                ex.requireMethod("GET");
                ex.send(gateway.isClosing() ? 503 : 200, "application/json",
                        (gateway.isClosing() ? "{\"status\":\"stopping\"}" : "{\"status\":\"ok\"}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            case READY -> {
                ex.requireMethod("GET");
                boolean ready = !gateway.isClosing() && gateway.host().isAccepting();
                ex.send(ready ? 200 : 503, "application/json",
                        (ready ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\"}").getBytes(StandardCharsets.UTF_8));
            }
            case METRICS -> {
                ex.requireMethod("GET");
                ex.send(200, GatewayMetrics.contentType(), gateway.metrics().scrape().getBytes(StandardCharsets.UTF_8));
            }
            default -> throw WireErrors.routeNotFound(path);
        }
    }

    private @Nullable Route route(String path) {
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
