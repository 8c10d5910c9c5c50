package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One operation of the OpenAPI document being built: its id, tag, summary and description, security,
 * parameters, request body and responses. Error responses carry the shared error body and name the
 * error codes of their status from the {@link ErrorCode} catalogue. Not thread-safe; used while one
 * document is built.
 */
final class OpenApiOperation {
    static final String SCHEMAS = "#/components/schemas/";
    /** The security scheme of bearer tokens, as {@code components.securitySchemes} names it. */
    static final String BEARER = "bearer";
    /** Error groups whose codes never answer an HTTP request. */
    private static final Set<String> NOT_HTTP = Set.of("connection", "config");

    private final ObjectNode operation = Json.mapper().createObjectNode();
    private final ArrayNode parameters;
    private final ObjectNode responses;

    private OpenApiOperation(String id, String tag, String summary, String description) {
        operation.put("operationId", id).put("summary", summary).put("description", description);
        operation.putArray("tags").add(tag);
        parameters = operation.putArray("parameters");
        responses = Json.mapper().createObjectNode();
    }

    static OpenApiOperation of(String id, String tag, String summary, String description) {
        return new OpenApiOperation(id, tag, summary, description);
    }

    /** A bearer JWT may authenticate the caller; without one the caller is the anonymous client. */
    OpenApiOperation bearerOrAnonymous() {
        ArrayNode security = operation.putArray("security");
        security.addObject().putArray(BEARER);
        security.addObject();
        return this;
    }

    /** Open to everyone: no credentials are read. */
    OpenApiOperation open() {
        operation.putArray("security");
        return this;
    }

    /** An optional query parameter. */
    OpenApiOperation query(String name, String description, JsonNode schema) {
        parameters.addObject().put("name", name).put("in", "query").put("description", description)
                .set("schema", schema);
        return this;
    }

    /** A required path parameter, {@code {name}} in the path. */
    OpenApiOperation pathParameter(String name, String description, JsonNode schema) {
        parameters.addObject().put("name", name).put("in", "path").put("description", description)
                .put("required", true).set("schema", schema);
        return this;
    }

    /** A required query parameter. */
    OpenApiOperation requiredQuery(String name, String description, JsonNode schema) {
        parameters.addObject().put("name", name).put("in", "query").put("description", description)
                .put("required", true).set("schema", schema);
        return this;
    }

    /** A repeatable query parameter ({@code ?name=a&name=b}) of strings. */
    OpenApiOperation repeatedQuery(String name, String description, int maxItems) {
        return repeatedQuery(name, description, maxItems, List.of());
    }

    /** A repeatable query parameter of strings, each one of {@code values} unless that is empty. */
    OpenApiOperation repeatedQuery(String name, String description, int maxItems, List<String> values) {
        ObjectNode array = schema("array");
        if (maxItems > 0) {
            array.put("maxItems", maxItems);
        }
        ObjectNode items = schema("string");
        if (!values.isEmpty()) {
            values.forEach(items.putArray("enum")::add);
        }
        array.set("items", items);
        parameters.addObject().put("name", name).put("in", "query").put("description", description)
                .put("style", "form").put("explode", true).set("schema", array);
        return this;
    }

    /** An optional query parameter holding a JSON document of {@code schema}. */
    OpenApiOperation jsonQuery(String name, String description, JsonNode schema) {
        parameters.addObject().put("name", name).put("in", "query").put("description", description)
                .putObject("content").putObject("application/json").set("schema", schema);
        return this;
    }

    /** A required request body of {@code mediaType}, described by {@code schema}. */
    OpenApiOperation body(String description, String mediaType, JsonNode schema) {
        operation.putObject("requestBody").put("description", description).put("required", true)
                .putObject("content").putObject(mediaType).set("schema", schema);
        return this;
    }

    /** A required request header. */
    OpenApiOperation header(String name, String description, JsonNode schema) {
        parameters.addObject().put("name", name).put("in", "header").put("description", description)
                .put("required", true).set("schema", schema);
        return this;
    }

    /** An optional request header. */
    OpenApiOperation optionalHeader(String name, String description, JsonNode schema) {
        parameters.addObject().put("name", name).put("in", "header").put("description", description)
                .set("schema", schema);
        return this;
    }

    /** A JSON request body of the named component schema. */
    OpenApiOperation jsonBody(String description, String schemaName, boolean required) {
        operation.putObject("requestBody").put("description", description).put("required", required)
                .putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", SCHEMAS + schemaName);
        return this;
    }

    /** A success response with a JSON body of the named component schema. */
    OpenApiOperation jsonResponse(int status, String description, String schemaName) {
        responses.putObject(Integer.toString(status)).put("description", description)
                .putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", SCHEMAS + schemaName);
        return this;
    }

    /** A success response with a body of {@code mediaType}, described by {@code schema}. */
    OpenApiOperation response(int status, String description, String mediaType, JsonNode schema) {
        responses.putObject(Integer.toString(status)).put("description", description)
                .putObject("content").putObject(mediaType).set("schema", schema);
        return this;
    }

    /** A success response without a body. */
    OpenApiOperation emptyResponse(int status, String description) {
        responses.putObject(Integer.toString(status)).put("description", description);
        return this;
    }

    /**
     * Error responses of these statuses, each with the error body and the codes the catalogue gives
     * that status, and a default response for any other error (such as {@code 500 actor/internal_error}).
     */
    OpenApiOperation errors(int... statuses) {
        for (int status : statuses) {
            responses.set(Integer.toString(status), error(description(status)));
        }
        responses.set("default", error("Any other error, such as 500 actor/internal_error"));
        return this;
    }

    /** The finished operation object. */
    ObjectNode build() {
        operation.set("responses", responses);
        return operation;
    }

    static ObjectNode schema(String type) {
        return Json.mapper().createObjectNode().put("type", type);
    }

    private static String description(int status) {
        List<String> codes = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (code.status() == status && !NOT_HTTP.contains(code.group())) {
                codes.add(code.qualified());
            }
        }
        String described = String.join(", ", codes);
        return status == 400 ? described + ", or an error the actor raised (group user)" : described;
    }

    private static ObjectNode error(String description) {
        ObjectNode response = Json.mapper().createObjectNode().put("description", description);
        response.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", SCHEMAS + "Error");
        return response;
    }
}
