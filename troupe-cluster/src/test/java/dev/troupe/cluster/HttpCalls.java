package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls of {@code test-counter} actions through a node's gateway (protocol v1), for the tests. */
final class HttpCalls implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * The answer to a call.
     *
     * @param status the HTTP status
     * @param body   the JSON body: {@code {"output":…}} or the error
     */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }

        /** {@code group/code} of a failed call. */
        String error() {
            return body.path("group").asText("http") + "/" + body.path("code").asText(Integer.toString(status));
        }
    }

    /** Calls {@code action} of counter {@code key} through {@code node}. */
    Answer post(URI node, String key, String action, String argsJson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/v1/actors/test-counter/actions/" + action + "?key="
                        + key))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":" + argsJson + "}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.mapper().readTree(response.body()));
    }

    /** The status of {@code GET path} on {@code node}; 0 if the node does not answer. */
    int status(URI node, String path) {
        try {
            return http.send(HttpRequest.newBuilder(node.resolve(path)).timeout(CALL_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The output of a call that must succeed. */
    JsonNode call(URI node, String key, String action, String argsJson) {
        try {
            Answer answer = post(node, key, action, argsJson);
            if (!answer.ok()) {
                throw new AssertionError(action + " of " + key + " through " + node + " failed: " + answer.body());
            }
            return answer.body().path("output");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
