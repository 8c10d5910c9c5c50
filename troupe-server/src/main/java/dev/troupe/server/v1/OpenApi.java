package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.definition.Parameter;
import dev.troupe.host.HostedAction;
import dev.troupe.host.HostedType;
import dev.troupe.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Generates the OpenAPI 3.1 document of wire protocol v1 for the registered actor types: one path per
 * action with its argument and result schemas (from the type's definition), the lifecycle,
 * view, events and connect paths per type, and the shared error schema. Stateless.
 */
final class OpenApi {
    private static final String ERROR_REF = "#/components/schemas/Error";

    private OpenApi() {
    }

    /** The document for these types. */
    static ObjectNode document(List<? extends HostedType> types) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "Troupe wire protocol").put("version", "v1");
        ObjectNode paths = doc.putObject("paths");
        for (HostedType type : types) {
            String base = "/v1/actors/" + type.name();
            for (HostedAction action : type.actions()) {
                paths.set(base + "/actions/" + action.name(), actionPath(type, action));
            }
            paths.set(base, lifecyclePath(type));
            paths.set(base + "/view", simpleGet(type, "view", "The caller's view of the actor's state",
                    "ViewSnapshot", true));
            paths.set(base + "/events", simpleGet(type, "events", "The actor's events as server-sent events",
                    null, false));
            paths.set(base + "/connect", simpleGet(type, "connect", "A WebSocket connection (protocol v1 frames)",
                    null, false));
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode error = schemas.putObject("Error").put("type", "object");
        error.putArray("required").add("group").add("code").add("message").add("metadata");
        ObjectNode props = error.putObject("properties");
        props.putObject("group").put("type", "string");
        props.putObject("code").put("type", "string");
        props.putObject("message").put("type", "string");
        props.putObject("metadata").put("type", "object");
        ObjectNode snapshot = schemas.putObject("ViewSnapshot").put("type", "object");
        ObjectNode snapshotProps = snapshot.putObject("properties");
        snapshotProps.putObject("view");
        snapshotProps.putObject("checksum").put("type", "string");
        snapshotProps.putObject("seq").put("type", "integer");
        components.putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        return doc;
    }

    private static ObjectNode actionPath(HostedType type, HostedAction action) {
        ObjectNode post = Json.mapper().createObjectNode();
        ObjectNode op = post.putObject("post");
        op.put("operationId", camel(type.name()) + "_" + action.name());
        op.putArray("tags").add(type.name());
        ArrayNode params = op.putArray("parameters");
        params.add(keyParameter());
        params.add(Json.mapper().createObjectNode().put("name", "mode").put("in", "query")
                .set("schema", Json.mapper().createObjectNode().put("type", "string")
                        .set("enum", Json.mapper().createArrayNode().add("get").add("getOrCreate"))));
        ObjectNode body = op.putObject("requestBody").putObject("content").putObject("application/json")
                .putObject("schema").put("type", "object");
        ObjectNode bodyProps = body.putObject("properties");
        ObjectNode args = bodyProps.putObject("args").put("type", "array");
        ArrayNode prefix = args.putArray("prefixItems");
        List<Parameter> parameters = action.definition().parameters();
        for (Parameter parameter : parameters) {
            JsonNode schema = parameter.schema().deepCopy();
            prefix.add(schema instanceof ObjectNode object ? object.put("title", parameter.name()) : schema);
        }
        args.put("minItems", parameters.size()).put("maxItems", parameters.size());
        bodyProps.putObject("input");
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "The action's output, once durable");
        ObjectNode okSchema = ok.putObject("content").putObject("application/json").putObject("schema")
                .put("type", "object");
        okSchema.putObject("properties").set("output", action.definition().result().deepCopy());
        responses.set("default", errorResponse());
        return post;
    }

    private static ObjectNode lifecyclePath(HostedType type) {
        ObjectNode path = Json.mapper().createObjectNode();
        for (String method : List.of("post", "get", "delete")) {
            ObjectNode op = path.putObject(method);
            op.put("operationId", camel(type.name()) + "_" + switch (method) {
                case "post" -> "create";
                case "get" -> "info";
                default -> "destroy";
            });
            op.putArray("tags").add(type.name());
            op.putArray("parameters").add(keyParameter());
            ObjectNode responses = op.putObject("responses");
            switch (method) {
                case "post" -> {
                    op.putObject("requestBody").putObject("content").putObject("application/json")
                            .putObject("schema").put("type", "object").putObject("properties").putObject("input");
                    responses.putObject("201").put("description", "Created: {id, key}");
                }
                case "get" -> responses.putObject("200").put("description", "{id, type, key, createdAt}");
                default -> responses.putObject("204").put("description", "Destroyed (or absent)");
            }
            responses.set("default", errorResponse());
        }
        return path;
    }

    private static ObjectNode simpleGet(HostedType type, String name, String description,
                                        @Nullable String schemaName, boolean json) {
        ObjectNode path = Json.mapper().createObjectNode();
        ObjectNode op = path.putObject("get");
        op.put("operationId", camel(type.name()) + "_" + name);
        op.put("description", description);
        op.putArray("tags").add(type.name());
        op.putArray("parameters").add(keyParameter());
        ObjectNode responses = op.putObject("responses");
        ObjectNode success = responses.putObject(name.equals("connect") ? "101" : "200")
                .put("description", description);
        if (json) {
            success.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + schemaName);
        } else if (name.equals("events")) {
            success.putObject("content").putObject("text/event-stream");
        }
        responses.set("default", errorResponse());
        return path;
    }

    private static ObjectNode keyParameter() {
        ObjectNode key = Json.mapper().createObjectNode().put("name", "key").put("in", "query")
                .put("explode", true).put("description", "The key parts, in order; none for the empty key");
        key.putObject("schema").put("type", "array").put("maxItems", 8).putObject("items").put("type", "string");
        return key;
    }

    private static ObjectNode errorResponse() {
        ObjectNode response = Json.mapper().createObjectNode().put("description", "An error");
        response.putObject("content").putObject("application/json").putObject("schema").put("$ref", ERROR_REF);
        return response;
    }

    private static String camel(String typeName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : typeName.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
