package dev.troupe.server.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A wire protocol the server serves under a path prefix of its own, beside the others. Wire protocol
 * v1 ({@code /v1/…}) is one; the server mounts it always, and {@link
 * dev.troupe.server.ServerConfig#mount(Protocol)} mounts more (the Actor Kit and RivetKit adapters, at
 * {@code /api} and {@code /gateway}).
 *
 * <p>The server does for every protocol what all of them share, so that none repeats it: the HTTP
 * rules checked before routing ({@code RequestChecks}), the JSON error answer of any failure
 * ({@link Exchange#fail}), {@code 404 request/not_found} for a path under the prefix that no route
 * matches, {@code 503 actor/unavailable} while the server stops, request metrics by route template,
 * and the in-flight count a graceful stop waits for. Endpoints reach the runtime and the rest of the
 * server's shared services through {@link Exchange#gateway()}.
 *
 * <p>Implementations must be thread-safe; {@link #route} is called for every request and should only
 * look at the path.
 */
public interface Protocol {

    /**
     * The path this protocol owns, one segment with its leading slash, such as {@code /v1}: it owns
     * that path and every path under it ({@code /v1/…}), and static files are never served there. Must
     * not change.
     */
    String pathPrefix();

    /**
     * The route serving {@code path}, a path this protocol owns; null if none does, which the server
     * answers with {@code 404 request/not_found}. Matching looks at the path only: the route names its
     * methods, so that the server answers a method it lacks with {@code 405}, and {@code HEAD} and
     * {@code OPTIONS} alike for every route.
     */
    @Nullable Route route(String path);
}
