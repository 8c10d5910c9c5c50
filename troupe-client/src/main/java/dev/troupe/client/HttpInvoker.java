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
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The invocation handler behind typed HTTP handles: each contract method is a
 * {@code POST /v1/actors/{type}/actions/{method}} (or {@code /v1/ids/{id}/actions/{method}}) whose
 * {@code output} is decoded to the method's generic return type. Thread-safe.
 */
final class HttpInvoker implements InvocationHandler {
    private final WireHttp wire;
    private final URI actionsBase;
    private final String query;
    private final String description;

    private HttpInvoker(WireHttp wire, URI actionsBase, String query, String description) {
        this.wire = wire;
        this.actionsBase = actionsBase;
        this.query = query;
        this.description = description;
    }

    /** Calls on the actor of {@code type} and {@code key}, created on first call if {@code createIfAbsent}. */
    static HttpInvoker byKey(WireHttp wire, URI base, String type, Key key, boolean createIfAbsent) {
        String query = keyQuery(key) + (createIfAbsent ? "" : (key.size() == 0 ? "?" : "&") + "mode=get");
        return new HttpInvoker(wire, base.resolve("/v1/actors/" + type + "/actions/"), query, type + "/" + key);
    }

    /** Calls on the existing actor with id {@code id} ({@code /v1/ids/{id}/actions/…}); never creates. */
    static HttpInvoker byId(WireHttp wire, URI base, String id) {
        return new HttpInvoker(wire, base.resolve("/v1/ids/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "/actions/"), "", "actor " + id);
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
        return wire.send(HttpRequest.newBuilder(actionsBase.resolve(action + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), action + " of " + description);
    }
}
