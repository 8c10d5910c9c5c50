package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.AccessRule;
import dev.troupe.ContentHash;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The content store over real HTTP: uploads answer the hash, the same bytes twice are one object, a
 * stated hash is checked, downloads are immutable (ETag, caching, 304), labels move, and clients are
 * denied unless the content rule allows.
 */
class ContentRoutesTest {
    private static final int LIMIT = 2 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer t;
    private static String service;
    private static String reader;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = TestServer.builder(store).maxContentSize(LIMIT)
                .contentAccess((caller, operation) -> caller.id().equals("reader") && operation.equals(AccessRule.CONTENT_READ))
                .build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
        service = "Bearer " + t.tokens().service("uploader").issue();
        reader = "Bearer " + t.tokens().client("reader").issue();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(t.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return new TestServer.Reply(response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8)).json();
    }

    private static String code(HttpResponse<byte[]> response) {
        JsonNode error = json(response);
        return error.path("group").asText() + "/" + error.path("code").asText();
    }

    @Test
    void upload_answersTheHash_andTheSameBytesTwiceAreOneObject() {
        byte[] bytes = "an attachment".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> first = send("POST", "/v1/content", bytes, "Authorization", service,
                "Content-Type", "application/octet-stream");
        HttpResponse<byte[]> second = send("PUT", "/v1/content/" + ContentHash.of(bytes), bytes, "Authorization", service);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("hash").asText()).isEqualTo(ContentHash.of(bytes).hex());
        assertThat(json(first).get("size").asLong()).isEqualTo(bytes.length);
        assertThat(json(second)).isEqualTo(json(first));
        assertThat(t.troupe.contents().info(ContentHash.of(bytes))).isPresent();
    }

    @Test
    void download_isImmutable_withTheHashAsETag() {
        byte[] large = new byte[LIMIT];
        new Random(5).nextBytes(large);
        String hash = t.troupe.contents().put(large).hash().hex();

        HttpResponse<byte[]> got = send("GET", "/v1/content/" + hash, null, "Authorization", reader);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(large);
        assertThat(got.headers().firstValue("ETag")).contains("\"" + hash + "\"");
        assertThat(got.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(got.headers().firstValue("Content-Type")).contains("application/octet-stream");
        HttpResponse<byte[]> again = send("GET", "/v1/content/" + hash, null, "Authorization", reader,
                "If-None-Match", "\"" + hash + "\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<byte[]> head = send("HEAD", "/v1/content/" + hash, null, "Authorization", reader);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(large.length);
    }

    @Test
    void aStatedHashThatDoesNotMatch_is400_andStoresNothing() {
        byte[] bytes = "what was sent".getBytes(StandardCharsets.UTF_8);
        ContentHash stated = ContentHash.of("what was meant".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> put = send("PUT", "/v1/content/" + stated, bytes, "Authorization", service);

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(code(put)).isEqualTo("content/hash_mismatch");
        assertThat(json(put).get("metadata").get("actual").asText()).isEqualTo(ContentHash.of(bytes).hex());
        assertThat(t.troupe.contents().info(ContentHash.of(bytes))).isEmpty();
    }

    @Test
    void oversizedContent_is413_declaredOrStreamed() {
        byte[] tooLarge = new byte[LIMIT + 1];

        HttpResponse<byte[]> declared = send("POST", "/v1/content", tooLarge, "Authorization", service);
        HttpRequest chunked = HttpRequest.newBuilder(t.uri("/v1/content")).header("Authorization", service)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooLarge))).build();
        HttpResponse<String> streamed;
        try {
            streamed = HTTP.send(chunked, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(code(declared)).isEqualTo("content/too_large");
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("\"too_large\"");
        assertThat(t.troupe.contents().info(ContentHash.of(tooLarge))).isEmpty();
    }

    @Test
    void aLabelMoves_andIsRead_andDeleted() {
        String one = t.troupe.contents().put("label one".getBytes(StandardCharsets.UTF_8)).hash().hex();
        String two = t.troupe.contents().put("label two".getBytes(StandardCharsets.UTF_8)).hash().hex();

        assertThat(send("PUT", "/v1/labels/app", ("{\"hash\":\"" + one + "\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", service).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> moved = send("PUT", "/v1/labels/app", ("{\"hash\":\"" + two + "\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", service);

        assertThat(json(moved).get("hash").asText()).isEqualTo(two);
        assertThat(json(send("GET", "/v1/labels/app", null, "Authorization", reader)).get("hash").asText()).isEqualTo(two);
        assertThat(send("DELETE", "/v1/labels/app", null, "Authorization", service).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> gone = send("GET", "/v1/labels/app", null, "Authorization", reader);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(code(gone)).isEqualTo("content/not_found");
    }

    @Test
    void clientsAreDeniedByDefault() {
        byte[] bytes = "secret".getBytes(StandardCharsets.UTF_8);
        String hash = t.troupe.contents().put(bytes).hash().hex();
        String anonymous = "Bearer " + t.tokens().client("someone").issue();

        assertThat(send("GET", "/v1/content/" + hash, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/content/" + hash, null, "Authorization", anonymous).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> upload = send("POST", "/v1/content", bytes, "Authorization", reader);
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(code(upload)).isEqualTo("auth/forbidden");
        assertThat(send("PUT", "/v1/labels/x", ("{\"hash\":\"" + hash + "\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", reader).statusCode()).isEqualTo(403);
    }

    @Test
    void theContentRoutesAreInTheOpenApiDocument() {
        JsonNode paths = t.get("/v1/openapi.json").json().get("paths");

        assertThat(paths.has("/v1/content")).isTrue();
        assertThat(paths.get("/v1/content/{hash}").has("get")).isTrue();
        assertThat(paths.get("/v1/labels/{name}").has("delete")).isTrue();
    }
}
