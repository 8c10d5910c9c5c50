package dev.troupe.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.ActorError;
import dev.troupe.runtime.Json;
import dev.troupe.server.wire.WireErrors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Answers the errors Jetty raises itself, before a request reaches the gateway (a malformed request
 * line or URI, headers too large, ...), with the same JSON error body as every other error:
 * {@code request/invalid_request} for 4xx statuses, {@code actor/internal_error} otherwise.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    @Nullable Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private static byte[] body(int status, @Nullable String message) {
        String text = message == null || message.isBlank() ? "HTTP " + status : message;
        ActorError error = status >= 400 && status < 500
                ? new ActorError("request", status == 413 ? "too_large" : "invalid_request", text, Map.of("status", status))
                : new ActorError("actor", "internal_error", "internal error; see the server log", Map.of());
        try {
            return Json.mapper().writeValueAsString(WireErrors.body(error)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body always serialises", e);
        }
    }
}
