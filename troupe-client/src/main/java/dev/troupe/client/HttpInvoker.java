package dev.troupe.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind typed HTTP handles: each contract method is a
 * {@code POST /v1/actors/{type}/actions/{method}} whose {@code output} is decoded to the method's
 * generic return type. Thread-safe.
 */
final class HttpInvoker implements InvocationHandler {
    private final HttpClient http;
    private final URI actionsBase;
    private final String query;
    private final @Nullable String token;
    private final Duration timeout;
    private final String description;

    HttpInvoker(HttpClient http, URI base, String type, Key key, boolean createIfAbsent, @Nullable String token,
                Duration timeout) {
        this.http = http;
        this.actionsBase = base.resolve("/v1/actors/" + type + "/actions/");
        this.query = keyQuery(key) + (createIfAbsent ? "" : (key.size() == 0 ? "?" : "&") + "mode=get");
        this.token = token;
        this.timeout = timeout;
        this.description = type + "/" + key;
    }

    /** {@code ?key=a&key=b}, or empty for the empty key. */
    static String keyQuery(Key key) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        key.parts().forEach(part -> query.add("key=" + URLEncoder.encode(part, StandardCharsets.UTF_8)));
        return query.toString();
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "remote " + description;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        ArrayNode array = body.putArray("args");
        if (args != null) {
            for (Object arg : args) {
                array.add(WireJson.MAPPER.valueToTree(arg));
            }
        }
        JsonNode output = post(method.getName(), body).get("output");
        if (method.getReturnType() == void.class) {
            return null;
        }
        JavaType type = WireJson.MAPPER.getTypeFactory().constructType(method.getGenericReturnType());
        try {
            return WireJson.MAPPER.readerFor(type).readValue(output == null ? WireJson.MAPPER.nullNode() : output);
        } catch (IOException | IllegalArgumentException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "the output of " + method.getName()
                    + " does not fit " + type + ": " + e.getMessage(), e);
        }
    }

    private JsonNode post(String action, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(actionsBase.resolve(action + query))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "cannot reach the server for " + action + " of "
                    + description + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted calling " + action + " of " + description);
        }
        JsonNode json = WireJson.parse(response.body());
        if (response.statusCode() != 200) {
            throw WireJson.error(json, response.statusCode());
        }
        if (json == null || !json.isObject()) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "the server answered " + action + " with no JSON object",
                    Map.of("status", response.statusCode()));
        }
        return json;
    }
}
