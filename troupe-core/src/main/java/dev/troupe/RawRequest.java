package dev.troupe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A raw HTTP request for an actor's own handler ({@link Actor#onRequest}), or the upgrade request of a
 * raw WebSocket ({@link RawSocket#request()}): what a client sent below the actor's raw prefix, as it
 * was sent, for actors that speak a protocol of their own (webhooks, file downloads, a third-party
 * API) rather than actions. See {@code docs/raw-handlers.md}.
 *
 * @param method  the HTTP method, upper case ({@code GET}, {@code POST}, ...)
 * @param path    the path below the actor's raw prefix, starting with {@code /} ({@code /} for the prefix
 *                itself), percent-decoded
 * @param query   the query string without its {@code ?}, percent-encoded as sent; empty if none
 * @param headers the request headers, names in lower case, each with its values in order
 * @param body    the body bytes; empty if none (always for a WebSocket upgrade)
 */
public record RawRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    /** Checks the components; header names are lower-cased and the map is copied. */
    public RawRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a raw request path starts with '/': " + path);
        }
        headers = lowerCased(headers);
    }

    /** The first value of the header {@code name} (any case), or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The body decoded as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Header names in lower case, values copied; shared with {@link RawResponse}. */
    static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                ignored -> new java.util.ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "RawRequest[" + method + " " + path + (query.isEmpty() ? "" : "?" + query) + ", " + body.length + " bytes]";
    }
}
