package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Key;
import dev.troupe.host.HostedType;
import dev.troupe.json.Json;

/**
 * The listing's part of the OpenAPI document ({@link OpenApi}): per type the {@code
 * /v1/actors/{type}/list} operation ({@link ActorListing}) and the page schema. Its operation id has a
 * dot, which no action name can contain, so it never collides with an action called {@code list}.
 * Stateless.
 */
final class ListingOpenApi {
    private ListingOpenApi() {
    }

    /** Adds the listing path of {@code type}. */
    static void path(ObjectNode paths, HostedType type) {
        ObjectNode limit = OpenApiOperation.schema("integer").put("minimum", 1)
                .put("maximum", Paging.MAX_PAGE).put("default", Paging.DEFAULT_PAGE);
        paths.putObject("/v1/actors/" + type.name() + "/list").set("get", OpenApiOperation.of(
                        OpenApi.camel(type.name()) + "_actors.list", type.name(), "List the actors of the type",
                        "A page of the " + type.name() + " actors whose key begins with the prefix parts (compared "
                                + "part by part), in id order, without waking them; needs #list, which clients have "
                                + "only where a rule grants it by name.")
                .bearerOrAnonymous()
                .repeatedQuery("prefix", "The key prefix parts, in order; none lists every actor of the type",
                        Key.MAX_PARTS)
                .query("limit", "The most actors to return", limit)
                .query("cursor", "The next of the page before, unchanged; none for the first page",
                        OpenApiOperation.schema("string"))
                .jsonResponse(200, "A page of actors", "ActorPage")
                .errors(400, 401, 403, 404, 503)
                .build());
    }

    /** Adds the listing schemas to {@code schemas}; returns it. */
    static ObjectNode schemas(ObjectNode schemas) {
        ObjectNode page = OpenApi.object(schemas, "ActorPage", "A page of the actors of a type");
        ObjectNode actors = OpenApiOperation.schema("array");
        actors.putObject("items").put("$ref", OpenApiOperation.SCHEMAS + "ActorInfo");
        OpenApi.property(page, "actors", actors, "The actors, in id order");
        ObjectNode next = Json.mapper().createObjectNode();
        next.putArray("type").add("string").add("null");
        OpenApi.property(page, "next", next, "The cursor of the next page, or null on the last page");
        return schemas;
    }
}
