package dev.troupe;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an actor's raw HTTP handler ({@link Actor#onRequest}) answers: a status, headers and body bytes,
 * sent to the client as they are once the handler's turn is durable.
 *
 * {@snippet :
 * return RawResponse.text(200, "hello").withHeader("cache-control", "no-store");
 * }
 *
 * @param status  the HTTP status, 200 to 599
 * @param headers the response headers, names (RFC 9110 tokens) in lower case, each with its values in
 *                order, no value holding CR, LF or NUL; the server sets {@code content-length} from the
 *                body and leaves out hop-by-hop headers ({@code connection}, {@code transfer-encoding}, ...)
 * @param body    the body bytes; empty for none
 */
public record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {
    /** An HTTP header name (RFC 9110 token), lower-cased. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9a-z-]+");

    /** Checks the components; header names are lower-cased and the map is copied. */
    public RawResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a raw response status is 200 to 599: " + status);
        }
        Objects.requireNonNull(body, "body");
        headers = RawRequest.lowerCased(headers);
        headers.forEach((name, values) -> {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("not a header name: '" + name + "'");
            }
            for (String value : values) {
                if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new IllegalArgumentException("the value of header '" + name + "' holds CR, LF or NUL");
                }
            }
        });
    }

    /** A response with {@code body} of the media type {@code contentType}. */
    public static RawResponse of(int status, String contentType, byte[] body) {
        return new RawResponse(status, Map.of("content-type", List.of(contentType)), body);
    }

    /** A {@code text/plain; charset=utf-8} response. */
    public static RawResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code application/json} response with {@code value} written as JSON. */
    public static RawResponse json(int status, @org.jspecify.annotations.Nullable Object value) {
        try {
            return of(status, "application/json", Json.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** A response with no body. */
    public static RawResponse empty(int status) {
        return new RawResponse(status, Map.of(), new byte[0]);
    }

    /** This response with {@code value} added to the header {@code name}. */
    public RawResponse withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        more.merge(name.toLowerCase(java.util.Locale.ROOT), List.of(value),
                (old, added) -> java.util.stream.Stream.concat(old.stream(), added.stream()).toList());
        return new RawResponse(status, more, body);
    }

    @Override
    public String toString() {
        return "RawResponse[" + status + ", " + body.length + " bytes]";
    }
}
