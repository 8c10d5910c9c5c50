package dev.troupe.server.protocol;

import java.util.Objects;

/**
 * One route of a {@link Protocol}: its path template and the endpoint serving it.
 *
 * @param template the path template, such as {@code /v1/actors/{type}}: the {@code route} label of the
 *                 request metrics, so it must not hold anything taken from the request
 * @param call     whether a request of this route is a call that a graceful stop waits for: it is
 *                 counted in flight from before it is checked until its endpoint returns
 * @param endpoint serves the request
 */
public record Route(String template, boolean call, Endpoint endpoint) {

    /** Checks the components. */
    public Route {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A route whose requests a graceful stop does not wait for (streams, documents). */
    public static Route of(String template, Endpoint endpoint) {
        return new Route(template, false, endpoint);
    }

    /** A route whose requests are calls that a graceful stop waits for. */
    public static Route call(String template, Endpoint endpoint) {
        return new Route(template, true, endpoint);
    }

    /**
     * Serves one request of a route, on the request's virtual thread; it may block it. Whatever it
     * throws becomes the JSON error of its code ({@link Exchange#fail}); an endpoint that answers
     * asynchronously (a stream, a WebSocket upgrade) completes the exchange's callback itself.
     */
    @FunctionalInterface
    public interface Endpoint {
        /** Serves the request held by {@code exchange}. */
        void serve(Exchange exchange) throws Exception;
    }
}
