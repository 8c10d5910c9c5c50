package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.host.HostedType;
import dev.troupe.json.Json;

/**
 * The history routes' part of the OpenAPI document ({@link OpenApi}): per type the entries, verify
 * and state operations ({@link HistoryEndpoints}), and their schemas. Every type gets them; a type
 * without history answers {@code 404 history/disabled}. Stateless.
 */
final class HistoryOpenApi {
    private static final String NEEDS = "; needs #history, which clients have only where a rule grants it by name.";

    private HistoryOpenApi() {
    }

    /**
     * Adds the history paths of {@code type}. Their operation ids have a dot, which no action name
     * can contain, so they never collide with the operation of an action (the chat room has one
     * called {@code history}).
     */
    static void paths(ObjectNode paths, HostedType type) {
        String base = "/v1/actors/" + type.name() + "/history";
        ObjectNode seq = OpenApiOperation.schema("integer").put("minimum", 1);
        ObjectNode limit = OpenApiOperation.schema("integer").put("minimum", 1)
                .put("maximum", Paging.MAX_PAGE).put("default", Paging.DEFAULT_PAGE);
        paths.putObject(base).set("get", OpenApi.actorOperation(type, "history.entries", "Page through the turn history",
                        "The retained history entries of the " + type.name() + " actor from seq from, in order" + NEEDS)
                .query("from", "The first seq to return", seq.deepCopy().put("default", 1))
                .query("limit", "The most entries to return", limit)
                .jsonResponse(200, "A page of entries", "HistoryPage")
                .errors(400, 401, 403, 404, 503)
                .build());
        paths.putObject(base + "/verify").set("get", OpenApi.actorOperation(type, "history.verify",
                        "Verify the turn history",
                        "Recomputes every hash and link of the " + type.name() + " actor's retained chain and names the "
                                + "first bad seq" + NEEDS)
                .jsonResponse(200, "The verdict", "HistoryVerification")
                .errors(400, 401, 403, 404, 503)
                .build());
        paths.putObject(base + "/state").set("get", OpenApi.actorOperation(type, "history.state",
                        "Reconstruct the state at a position",
                        "The " + type.name() + " actor's state right after entry seq: the nearest checkpoint, then "
                                + "its turns replayed" + NEEDS)
                .requiredQuery("seq", "The position", seq)
                .jsonResponse(200, "The state", "HistoryState")
                .errors(400, 401, 403, 404, 409, 503)
                .build());
        paths.putObject(base + "/export").set("get", OpenApi.actorOperation(type, "history.export",
                        "Export the turn history as JSON Lines",
                        "The " + type.name() + " actor's retained chain: a header line, then one entry per line, "
                                + "streamed (docs/history.md, Export)" + NEEDS)
                .response(200, "The chain as JSON Lines", HistoryEndpoints.EXPORT_TYPE, OpenApiOperation.schema("string"))
                .errors(400, 401, 403, 404, 503)
                .build());
    }

    /** Adds the history schemas to {@code schemas}; returns it. */
    static ObjectNode schemas(ObjectNode schemas) {
        ObjectNode entry = OpenApi.object(schemas, "HistoryEntry",
                "One entry of the hash chain; the JSON fields are their canonical text (docs/history.md, Encoding)");
        OpenApi.property(entry, "seq", OpenApiOperation.schema("integer"), "The position, from 1");
        OpenApi.property(entry, "at", OpenApiOperation.schema("string").put("format", "date-time"), "When the turn ran");
        OpenApi.property(entry, "atMicros", OpenApiOperation.schema("integer"),
                "When the turn ran, in microseconds since the epoch, as the hash covers it");
        for (String field : new String[] {"caller", "message", "outcome", "effects"}) {
            OpenApi.property(entry, field, OpenApiOperation.schema("string"), "The " + field + " as canonical JSON text");
        }
        OpenApi.property(entry, "stateHash", OpenApiOperation.schema("string"),
                "Hex SHA-256 of the canonical JSON of the state the turn left");
        ObjectNode prev = Json.mapper().createObjectNode();
        prev.putArray("type").add("string").add("null");
        OpenApi.property(entry, "prevHash", prev, "The previous entry's hash; null for the first entry of a chain");
        OpenApi.property(entry, "hash", OpenApiOperation.schema("string"), "Hex SHA-256 of the entry's canonical encoding");
        ObjectNode checkpoint = OpenApiOperation.schema("object");
        checkpoint.putObject("properties").set("state", OpenApiOperation.schema("string")
                .put("description", "The state as JSON text"));
        ((ObjectNode) checkpoint.get("properties")).set("stateVersion", OpenApiOperation.schema("integer")
                .put("description", "The state's schema version"));
        checkpoint.putArray("required").add("state").add("stateVersion");
        ((ObjectNode) entry.get("properties")).set("checkpoint",
                checkpoint.put("description", "On checkpoint entries only: the full state"));

        ObjectNode page = OpenApi.object(schemas, "HistoryPage", "A page of an actor's history entries");
        OpenApi.property(page, "actorId", OpenApiOperation.schema("string"), "The actor's id, part of every hash");
        ObjectNode entries = OpenApiOperation.schema("array");
        entries.putObject("items").put("$ref", OpenApiOperation.SCHEMAS + "HistoryEntry");
        OpenApi.property(page, "entries", entries, "The entries, in seq order");
        ObjectNode next = Json.mapper().createObjectNode();
        next.putArray("type").add("integer").add("null");
        OpenApi.property(page, "next", next, "The from of the next page, or null at the end");

        ObjectNode verification = OpenApi.object(schemas, "HistoryVerification", "The verdict of verifying a chain");
        OpenApi.property(verification, "actorId", OpenApiOperation.schema("string"), "The actor's id");
        OpenApi.property(verification, "valid", OpenApiOperation.schema("boolean"), "Whether the chain is intact");
        OpenApi.property(verification, "entries", OpenApiOperation.schema("integer"), "How many entries were checked");
        OpenApi.property(verification, "firstSeq", OpenApiOperation.schema("integer"), "Where verification started");
        OpenApi.property(verification, "lastSeq", OpenApiOperation.schema("integer"), "The newest seq checked");
        OpenApi.property(verification, "firstBadSeq", next.deepCopy(), "The first bad position, or null");
        ObjectNode problem = Json.mapper().createObjectNode();
        problem.putArray("type").add("string").add("null");
        OpenApi.property(verification, "problem", problem, "What is wrong there, or null");

        ObjectNode state = OpenApi.object(schemas, "HistoryState", "The state at a position");
        OpenApi.property(state, "seq", OpenApiOperation.schema("integer"), "The position");
        OpenApi.property(state, "state", Json.mapper().createObjectNode(), "The state right after that entry");
        return schemas;
    }
}
