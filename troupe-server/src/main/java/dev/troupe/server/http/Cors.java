package dev.troupe.server.http;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.jspecify.annotations.Nullable;

/*
 * CORS through Jetty's CrossOriginHandler, in front of everything the server serves.
 *
 * For a request from an allowed origin the handler adds the CORS headers, and for a preflight from one
 * it adds the preflight headers and hands the OPTIONS on, so the gateway answers it as every OPTIONS
 * (204 with Allow). A request from another origin reaches the gateway without CORS headers, which is
 * how CORS refuses: the browser does not let the page read the answer. Two cases get an explicit
 * refusal, 403 request/origin_not_allowed, so that a developer sees why in the network panel:
 *
 * - a preflight from an origin not allowed (the browser then does not send the call);
 * - a WebSocket upgrade from a browser page of another origin (browsers send Origin but do not
 *   preflight WebSockets, so without this any site could open a socket as its visitor). An upgrade
 *   without Origin (not from a browser) or from the server's own origin is let through.
 *
 * Whether an origin was allowed is read off the answer: the handler has then set
 * Access-Control-Allow-Origin.
 */

/** CORS: Jetty's {@link CrossOriginHandler} configured from {@link CorsRules}, and the refusals the gateway answers. Stateless. */
public final class Cors {
    private Cors() {
    }

    /** Jetty's handler for {@code rules}, in front of {@code next}. */
    public static Handler handler(CorsRules rules, Handler next) {
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(Set.copyOf(rules.originPatterns()));
        cors.setAllowCredentials(rules.credentials());
        cors.setPreflightMaxAge(rules.maxAge());
        cors.setExposedHeaders(Set.copyOf(rules.exposedHeaders()));
        cors.setAllowedMethods(CorsRules.METHODS);
        cors.setAllowedHeaders(CorsRules.HEADERS);
        cors.setDeliverPreflightRequests(true);
        cors.setDeliverNonAllowedOriginRequests(true);
        cors.setDeliverNonAllowedOriginWebSocketUpgradeRequests(true);
        cors.setHandler(next);
        return cors;
    }

    /**
     * Throws {@code 403 request/origin_not_allowed} if {@code request} is a CORS preflight ({@code
     * OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) from an origin the rules
     * do not allow.
     */
    public static void refuseForeignPreflight(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD)
                && !allowed(response)) {
            throw refused(origin, "call this server");
        }
    }

    /**
     * Throws {@code 403 request/origin_not_allowed} if a WebSocket upgrade comes from a browser page of
     * an origin that is neither the server's own nor allowed by the rules.
     */
    public static void refuseForeignUpgrade(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !sameOrigin(request, origin) && !allowed(response)) {
            throw refused(origin, "open a WebSocket to this server");
        }
    }

    private static boolean allowed(Response response) {
        return response.getHeaders().contains(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    /** Whether {@code origin} is the scheme, host and port the request was sent to. */
    private static boolean sameOrigin(Request request, String origin) {
        HttpURI uri = request.getHttpURI();
        @Nullable String host = request.getHeaders().get(HttpHeader.HOST);
        return host != null && origin.equalsIgnoreCase(uri.getScheme() + "://" + host);
    }

    private static TroupeException refused(String origin, String what) {
        return new TroupeException(ErrorCode.ORIGIN_NOT_ALLOWED, "the origin " + origin + " may not " + what
                + "; allow it with ServerConfig.corsOrigins", Map.of("origin", origin));
    }
}
