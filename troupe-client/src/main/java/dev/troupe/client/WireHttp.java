package dev.troupe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange of wire protocol v1 answered with a JSON object: sends the request with the
 * client's token and timeout, and turns an error answer into the server's {@link TroupeException}
 * ({@code actor/unavailable} when the server cannot be reached). Thread-safe.
 *
 * @param http    the HTTP client
 * @param token   the bearer token, or null
 * @param timeout how long one exchange may take
 */
record WireHttp(HttpClient http, @Nullable String token, Duration timeout) {

    /**
     * Sends {@code request} and answers the JSON object body of its 2xx answer; {@code what} names the exchange in errors.
     *
     * @throws TroupeException the server's error, {@code actor/unavailable}, or {@code actor/internal_error}
     *                         for an answer that is not a JSON object
     */
    JsonNode send(HttpRequest.Builder request, String what) {
        request.timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "cannot reach the server for " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted during " + what);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw WireJson.error(json, response.statusCode());
        }
        if (json == null || !json.isObject()) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "the server answered " + what + " with no JSON object",
                    Map.of("status", response.statusCode()));
        }
        return json;
    }

    private static @Nullable JsonNode parse(String text) {
        try {
            return text.isEmpty() ? null : WireJson.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
