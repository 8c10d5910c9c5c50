package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import dev.troupe.Contents;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * The content-addressed store over HTTP ({@code docs/content-store.md}): {@code POST /v1/content} and
 * {@code PUT /v1/content/{hash}} store the body and answer its hash, {@code GET /v1/content/{hash}}
 * answers the bytes (immutable: the hash is the ETag and caches may keep it forever), and
 * {@code /v1/labels/{name}} reads, points and deletes labels. Every operation is authorised for the
 * caller by the runtime's content rule ({@link dev.troupe.host.ActorHost#contents}). Bodies are
 * streamed: an upload is never held whole in memory. Stateless.
 */
final class ContentEndpoints {
    /** How content answers are cached: for a year, and never revalidated, since a hash names fixed bytes. */
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String OCTETS = "application/octet-stream";
    private static final Set<String> LABEL_FIELDS = Set.of("hash");

    private ContentEndpoints() {
    }

    /** {@code POST /v1/content}: stores the body, whatever hash it has. */
    static void upload(Exchange ex) throws IOException {
        store(ex, null);
    }

    /** {@code GET} or {@code PUT /v1/content/{hash}}. */
    static void content(Exchange ex, String hashText) throws IOException {
        ContentHash hash = new ContentHash(hashText);
        if (ex.method().equals("PUT")) {
            store(ex, hash);
            return;
        }
        Contents contents = ex.gateway().host().contents(ex.caller());
        ContentInfo info = contents.info(hash).orElseThrow(() -> notFound(hash));
        String etag = "\"" + hash.hex() + "\"";
        Map<HttpHeader, String> caching = Map.of(HttpHeader.ETAG, etag, HttpHeader.CACHE_CONTROL, IMMUTABLE);
        if (matches(ex.header(HttpHeader.IF_NONE_MATCH), etag)) {
            ex.empty(304, caching);
            return;
        }
        try (InputStream bytes = contents.open(hash).orElseThrow(() -> notFound(hash))) {
            ex.stream(200, OCTETS, info.size(), caching, bytes);
        }
    }

    /** {@code GET}, {@code PUT} or {@code DELETE /v1/labels/{name}}. */
    static void label(Exchange ex, String name) {
        ex.checkDeclaredLength();
        Contents contents = ex.gateway().host().contents(ex.caller());
        switch (ex.method()) {
            case "PUT" -> {
                JsonNode hash = ex.jsonObjectBody(LABEL_FIELDS).get("hash");
                if (hash == null || !hash.isTextual()) {
                    throw new TroupeException(ErrorCode.INVALID_REQUEST, "the body must be {\"hash\": \"<sha-256 hex>\"}",
                            Map.of("field", "hash"));
                }
                ContentHash target = new ContentHash(hash.asText());
                contents.putLabel(name, target);
                ex.json(200, labelAnswer(name, target));
            }
            case "DELETE" -> {
                contents.deleteLabel(name);
                ex.empty(204);
            }
            default -> ex.json(200, labelAnswer(name, contents.label(name).orElseThrow(() ->
                    new TroupeException(ErrorCode.CONTENT_NOT_FOUND, "no label '" + name + "' exists",
                            Map.of("label", name)))));
        }
    }

    private static void store(Exchange ex, @Nullable ContentHash expected) throws IOException {
        Contents contents = ex.gateway().host().contents(ex.caller());
        long declared = ex.request().getLength();
        if (declared > contents.maxSize()) {
            throw new TroupeException(ErrorCode.CONTENT_TOO_LARGE, "the content exceeds the limit of "
                    + contents.maxSize() + " bytes", Map.of("limit", contents.maxSize()));
        }
        ContentInfo info;
        try (InputStream body = ex.bodyStream()) {
            info = contents.put(body, expected);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the body could not be read: " + e.getMessage());
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("hash", info.hash().hex());
        answer.put("size", info.size());
        ex.json(200, answer);
    }

    private static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode labelAnswer(String name, ContentHash hash) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("name", name);
        answer.put("hash", hash.hex());
        return answer;
    }

    private static TroupeException notFound(ContentHash hash) {
        return new TroupeException(ErrorCode.CONTENT_NOT_FOUND, "no content is stored under " + hash,
                Map.of("hash", hash.hex()));
    }
}
