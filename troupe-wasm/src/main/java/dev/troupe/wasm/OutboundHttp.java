package dev.troupe.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Effects;
import dev.troupe.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of the {@code http} host function: a module asks for
 * {@code {"method","url","headers":{name: value},"body"}} and gets
 * {@code {"status","headers":{name: [values]},"body"}}. Only absolute {@code http} and {@code https}
 * URLs; the body is text (UTF-8), as {@link Effects#http} records it.
 */
final class OutboundHttp {
    /** How long one exchange may take before it fails the turn with {@code wasm/http_failed}. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private OutboundHttp() {
    }

    /** The request a module described; a malformed description fails the turn with {@code wasm/invalid_module}. */
    static HttpRequest request(JsonNode json) {
        String method = json.path("method").asText("GET");
        if (!METHODS.contains(method)) {
            throw Manifest.invalid("http: unsupported method '" + method + "' (one of " + METHODS + ")");
        }
        URI uri = uri(json.path("url").asText(""));
        JsonNode body = json.path("body");
        if (!body.isMissingNode() && !body.isNull() && !body.isTextual()) {
            throw Manifest.invalid("http: the body must be a string");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).method(method,
                body.isTextual() ? HttpRequest.BodyPublishers.ofString(body.asText()) : HttpRequest.BodyPublishers.noBody());
        JsonNode headers = json.path("headers");
        if (!headers.isMissingNode() && !headers.isObject()) {
            throw Manifest.invalid("http: headers must be an object of names to strings");
        }
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            if (!header.getValue().isTextual()) {
                throw Manifest.invalid("http: the header '" + header.getKey() + "' must be a string");
            }
            try {
                builder.header(header.getKey(), header.getValue().asText());
            } catch (IllegalArgumentException e) {
                throw Manifest.invalid("http: the header '" + header.getKey() + "' is not allowed: " + e.getMessage());
            }
        }
        return builder.build();
    }

    /** The module's view of a response. */
    static ObjectNode answer(Effects.HttpResult response) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("status", response.status());
        ObjectNode headers = answer.putObject("headers");
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            header.getValue().forEach(headers.withArray(header.getKey())::add);
        }
        answer.put("body", response.body());
        return answer;
    }

    private static URI uri(String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw Manifest.invalid("http: the url must be an absolute http or https URL, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Manifest.invalid("http: the url is not a URL: '" + text + "'");
        }
    }
}
