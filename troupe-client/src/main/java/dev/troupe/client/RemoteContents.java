package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ContentHash;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server's content-addressed store over HTTP ({@code /v1/content}, {@code /v1/labels}): store
 * bytes and get their SHA-256, fetch them by it, and read, point and delete labels. From
 * {@link TroupeClient#contents()}.
 *
 * <p>Uploads and downloads stream: {@link #put(InputStream)} sends as it reads, and {@link #open}
 * returns the response body as it arrives. {@link #put(byte[])} states the hash it computed, so that
 * the server refuses bytes damaged on the way ({@code content/hash_mismatch}). Failures throw
 * {@link TroupeException} with the server's error ({@code auth/forbidden} unless the server's content
 * rule allows this client; {@code content/too_large} past the server's limit). Thread-safe.
 */
public final class RemoteContents {
    private final HttpClient http;
    private final URI base;
    private final @Nullable String token;
    private final Duration timeout;

    RemoteContents(HttpClient http, URI base, @Nullable String token, Duration timeout) {
        this.http = http;
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.token = token;
        this.timeout = timeout;
    }

    /** Stores {@code bytes} under the hash computed here, which the server checks, and returns it. */
    public ContentHash put(byte[] bytes) {
        ContentHash hash = ContentHash.of(bytes);
        JsonNode answer = json(send(request("v1/content/" + hash).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                "storing content"));
        return new ContentHash(answer.path("hash").asText());
    }

    /** Stores the bytes of {@code bytes}, read to its end as they are sent, and returns the hash the server computed. */
    public ContentHash put(InputStream bytes) {
        Objects.requireNonNull(bytes, "bytes");
        JsonNode answer = json(send(request("v1/content").POST(HttpRequest.BodyPublishers.ofInputStream(() -> bytes)),
                "storing content"));
        return new ContentHash(answer.path("hash").asText());
    }

    /** The bytes stored under {@code hash}, as a stream the caller closes; empty if none are. */
    public Optional<InputStream> open(ContentHash hash) {
        HttpResponse<InputStream> response = exchange(request("v1/content/" + hash.hex()).GET(),
                HttpResponse.BodyHandlers.ofInputStream(), "fetching content " + hash);
        if (response.statusCode() == 200) {
            return Optional.of(response.body());
        }
        TroupeException error = WireJson.error(drain(response), response.statusCode());
        if (error.is(ErrorCode.CONTENT_NOT_FOUND)) {
            return Optional.empty();
        }
        throw error;
    }

    /** The bytes stored under {@code hash}, whole; empty if none are. For small content. */
    public Optional<byte[]> bytes(ContentHash hash) {
        return open(hash).map(in -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("reading content " + hash + " failed", e);
            }
        });
    }

    /** The content the label points at; empty if there is no such label. */
    public Optional<ContentHash> label(String name) {
        HttpResponse<String> response = exchange(request(labelPath(name)).GET(), HttpResponse.BodyHandlers.ofString(),
                "reading label " + name);
        if (response.statusCode() == 404 && WireJson.error(WireJson.parse(response.body()), 404).is(ErrorCode.CONTENT_NOT_FOUND)) {
            return Optional.empty();
        }
        return Optional.of(new ContentHash(json(response).path("hash").asText()));
    }

    /** Points the label at {@code hash}, creating or moving it atomically; {@code content/not_found} if nothing is stored there. */
    public void putLabel(String name, ContentHash hash) {
        String body = "{\"hash\":\"" + hash.hex() + "\"}";
        json(send(request(labelPath(name)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), "putting label " + name));
    }

    /** Removes the label, if there is one. */
    public void deleteLabel(String name) {
        HttpResponse<String> response = send(request(labelPath(name)).DELETE(), "deleting label " + name);
        if (response.statusCode() != 204) {
            throw WireJson.error(WireJson.parse(response.body()), response.statusCode());
        }
    }

    private static String labelPath(String name) {
        return "v1/labels/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        return exchange(request, HttpResponse.BodyHandlers.ofString(), what);
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String what) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "cannot reach the server for " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted " + what);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        JsonNode json = WireJson.parse(response.body());
        if (response.statusCode() != 200) {
            throw WireJson.error(json, response.statusCode());
        }
        if (json == null || !json.isObject()) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "the server answered with no JSON object",
                    Map.of("status", response.statusCode()));
        }
        return json;
    }

    private static @Nullable JsonNode drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return WireJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "the server's answer broke off: " + e, e);
        }
    }
}
