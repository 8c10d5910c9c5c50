package dev.troupe.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.json.Json;
import dev.troupe.server.wire.WireErrors;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Answers the errors Jetty raises itself, before a request reaches the gateway (a malformed request
 * line or URI, an unsupported HTTP version, an HTTP/2 preface, headers too large, ...), with the same
 * JSON error body as every other error and the code {@link JettyErrors} maps the status to. Every
 * method gets the body, including those Jetty's default handler answers bare (the {@code PRI} of an
 * HTTP/2 preface). Each such answer says {@code Connection: close}, as Jetty then closes the
 * connection.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    @Nullable Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // Jetty closes the connection after a request it could not parse; saying so keeps a keep-alive
        // client from sending its next request down a connection that is about to end.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private static byte[] body(int status, @Nullable String message) {
        try {
            return Json.mapper().writeValueAsBytes(WireErrors.body(JettyErrors.forStatus(status, message).error()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body always serialises", e);
        }
    }
}
