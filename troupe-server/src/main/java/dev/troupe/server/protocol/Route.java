package dev.troupe.server.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One route of a {@link Protocol}: its path template, the methods it serves and the endpoint serving
 * them. The server answers the rest of HTTP's methods for every route alike: {@code HEAD} is served as
 * {@code GET} without the body on a route that has {@code GET}, {@code OPTIONS} answers {@code 204} with
 * {@code Allow}, and any other method is {@code 405 request/method_not_allowed} with {@code Allow}.
 *
 * @param template the path template, such as {@code /v1/actors/{type}}: the {@code route} label of the
 *                 request metrics, so it must not hold anything taken from the request
 * @param call     whether a request of this route is a call that a graceful stop waits for: it is
 *                 counted in flight from before it is checked until its endpoint returns
 * @param methods  the methods the endpoint serves, such as {@code GET} or {@code POST}, in the order
 *                 {@code Allow} lists them; never {@code HEAD} or {@code OPTIONS}, which the server answers
 * @param endpoint serves the request
 */
public record Route(String template, boolean call, List<String> methods, Endpoint endpoint) {

    /** Checks the components. */
    public Route {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(endpoint, "endpoint");
        methods = List.copyOf(methods);
        if (methods.isEmpty() || methods.contains("HEAD") || methods.contains("OPTIONS")) {
            throw new IllegalArgumentException("a route serves at least one method, and never HEAD or OPTIONS "
                    + "(the server answers those): " + methods);
        }
    }

    /** A route serving {@code methods}, whose requests a graceful stop does not wait for (streams, documents). */
    public static Route of(String template, List<String> methods, Endpoint endpoint) {
        return new Route(template, false, methods, endpoint);
    }

    /** A route serving {@code methods}, whose requests are calls that a graceful stop waits for. */
    public static Route call(String template, List<String> methods, Endpoint endpoint) {
        return new Route(template, true, methods, endpoint);
    }

    /** Whether the route answers {@code method}: one of its methods, {@code HEAD} if it has {@code GET}, or {@code OPTIONS}. */
    public boolean allows(String method) {
        return methods.contains(method) || method.equals("OPTIONS") || method.equals("HEAD") && methods.contains("GET");
    }

    /** The {@code Allow} header of the route: its methods, {@code HEAD} after {@code GET}, then {@code OPTIONS}. */
    public String allow() {
        List<String> allowed = new ArrayList<>();
        for (String method : methods) {
            allowed.add(method);
            if (method.equals("GET")) {
                allowed.add("HEAD");
            }
        }
        allowed.add("OPTIONS");
        return String.join(", ", allowed);
    }

    /**
     * Serves one request of a route, on the request's virtual thread; it may block it. The method is
     * one of the route's ({@link Exchange#method()} reads a {@code HEAD} as {@code GET}). Whatever it
     * throws becomes the JSON error of its code ({@link Exchange#fail}); an endpoint that answers
     * asynchronously (a stream, a WebSocket upgrade) completes the exchange's callback itself.
     */
    @FunctionalInterface
    public interface Endpoint {
        /** Serves the request held by {@code exchange}. */
        void serve(Exchange exchange) throws Exception;
    }
}
