package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Contents;

/**
 * The content routes' part of the OpenAPI document ({@link OpenApi}): uploads, downloads and labels
 * ({@link ContentEndpoints}) and their schemas. Stateless.
 */
final class ContentOpenApi {
    /** The tag of the content operations. */
    static final String TAG = "content";
    private static final String NEEDS = " Clients need the runtime's content rule to allow ";
    private static final String OCTETS = "application/octet-stream";

    private ContentOpenApi() {
    }

    /** Adds the content and label paths. */
    static void paths(ObjectNode paths) {
        ObjectNode bytes = OpenApiOperation.schema("string").put("format", "binary");
        ObjectNode hash = OpenApiOperation.schema("string").put("pattern", "^[0-9a-f]{64}$");
        ObjectNode name = OpenApiOperation.schema("string").put("pattern", "^" + Contents.LABEL_NAME.pattern() + "$");
        paths.putObject(ProtocolV1.PREFIX + "/content").set("post", operation("content.upload", "Store content",
                        "Stores the body and answers its SHA-256; the same bytes stored twice are one object."
                                + NEEDS + "#content-write.")
                .body("The bytes to store", OCTETS, bytes)
                .jsonResponse(200, "Stored (or already there)", "ContentStored")
                .errors(400, 401, 403, 413, 503)
                .build());
        ObjectNode content = paths.putObject(ProtocolV1.PREFIX + "/content/{hash}");
        content.set("get", operation("content.get", "Fetch content",
                        "The bytes stored under the hash. Immutable: the ETag is the hash and the answer may be cached "
                                + "forever; If-None-Match with it answers 304." + NEEDS + "#content-read.")
                .pathParameter("hash", "The SHA-256 of the bytes, 64 lowercase hex digits", hash)
                .optionalHeader("If-None-Match", "An ETag the caller holds", OpenApiOperation.schema("string"))
                .response(200, "The bytes", OCTETS, bytes)
                .emptyResponse(304, "Not modified: the caller holds these bytes")
                .errors(400, 401, 403, 404, 503)
                .build());
        content.set("put", operation("content.put", "Store content under its stated hash",
                        "Stores the body, checking that it hashes to the hash in the path (400 content/hash_mismatch "
                                + "if not, and nothing is stored)." + NEEDS + "#content-write.")
                .pathParameter("hash", "The SHA-256 the body must have", hash)
                .body("The bytes to store", OCTETS, bytes)
                .jsonResponse(200, "Stored (or already there)", "ContentStored")
                .errors(400, 401, 403, 413, 503)
                .build());
        ObjectNode label = paths.putObject(ProtocolV1.PREFIX + "/labels/{name}");
        label.set("get", operation("label.get", "Read a label", "The content the label points at." + NEEDS
                        + "#content-read.")
                .pathParameter("name", "The label", name)
                .jsonResponse(200, "The label", "ContentLabel")
                .errors(400, 401, 403, 404, 503)
                .build());
        label.set("put", operation("label.put", "Point a label at content",
                        "Creates the label or moves it, atomically, to stored content." + NEEDS + "#content-label.")
                .pathParameter("name", "The label", name)
                .jsonBody("The content to point at", "ContentLabelTarget", true)
                .jsonResponse(200, "The label", "ContentLabel")
                .errors(400, 401, 403, 404, 415, 503)
                .build());
        label.set("delete", operation("label.delete", "Delete a label",
                        "Removes the label, if present; its content stays until collected." + NEEDS + "#content-label.")
                .pathParameter("name", "The label", name)
                .emptyResponse(204, "Deleted, or absent")
                .errors(400, 401, 403, 503)
                .build());
    }

    /** Adds the content schemas to {@code schemas}; returns it. */
    static ObjectNode schemas(ObjectNode schemas) {
        ObjectNode stored = OpenApi.object(schemas, "ContentStored", "Stored content");
        OpenApi.property(stored, "hash", OpenApiOperation.schema("string"), "The SHA-256 of the bytes, 64 lowercase hex digits");
        OpenApi.property(stored, "size", OpenApiOperation.schema("integer"), "The number of bytes");
        ObjectNode label = OpenApi.object(schemas, "ContentLabel", "A label and the content it points at");
        OpenApi.property(label, "name", OpenApiOperation.schema("string"), "The label");
        OpenApi.property(label, "hash", OpenApiOperation.schema("string"), "The content's SHA-256");
        ObjectNode target = OpenApi.object(schemas, "ContentLabelTarget", "The content a label is to point at");
        OpenApi.property(target, "hash", OpenApiOperation.schema("string"), "The content's SHA-256");
        target.put("additionalProperties", false);
        return schemas;
    }

    private static OpenApiOperation operation(String id, String summary, String description) {
        return OpenApiOperation.of(id, TAG, summary, description).bearerOrAnonymous();
    }
}
