package dev.troupe.server.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.server.http.JettyErrors;
import dev.troupe.server.wire.Targets;
import dev.troupe.server.wire.WireErrors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request being answered, as every protocol's endpoints see it: typed access to its query,
 * credentials and body, the JSON answers, and the server's shared services ({@link #gateway()}).
 * Reads fail with {@link TroupeException}s carrying the precise code; {@link #fail} turns any failure
 * into the wire error. Answers count in the request metrics under the route's template. Used by one
 * thread at a time.
 */
public final class Exchange {
    private static final String JSON_TYPE = "application/json";
    /** Headers every answer carries, encoded once (putting them by name and value showed in the profile). */
    private static final HttpField JSON_CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, JSON_TYPE);
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    /** Writes answers; made once, with the serializer for JSON trees already looked up. */
    private static final ObjectWriter JSON_WRITER = Json.mapper().writerFor(JsonNode.class);
    /** Headers of one connection hop (RFC 9110 §7.6.1), which a raw handler's answer does not set. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length");

    private final Gateway gateway;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String route;
    private @Nullable Fields query;

    /** An exchange for one request of the route {@code route} (its template). */
    Exchange(Gateway gateway, Request request, Response response, Callback callback, String route) {
        this.gateway = gateway;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.route = route;
    }

    /** The server's shared services. */
    public Gateway gateway() {
        return gateway;
    }

    /** The Jetty request. */
    public Request request() {
        return request;
    }

    /** The Jetty response. */
    public Response response() {
        return response;
    }

    /** The callback completing the request; endpoints that answer asynchronously complete it. */
    public Callback callback() {
        return callback;
    }

    /**
     * The request method as the endpoint serves it: a {@code HEAD} request reads as {@code GET}, since
     * it is served as one and only its body is left out ({@link #isHead()}).
     */
    public String method() {
        return isHead() ? "GET" : request.getMethod();
    }

    /** Whether the request is a {@code HEAD}: its answer carries the headers of a {@code GET}'s and no body. */
    public boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    /** The route's template, the metrics label. */
    public String route() {
        return route;
    }

    private Fields query() {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "the query string is malformed: " + e.getMessage());
            }
        }
        return query;
    }

    /** Every value of a query parameter, in order. */
    public List<String> queryValues(String name) {
        List<String> values = query().getValues(name);
        return values == null ? List.of() : values;
    }

    /** The single value of a query parameter, or null. */
    public @Nullable String queryValue(String name) {
        List<String> values = queryValues(name);
        if (values.size() > 1) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "query parameter '" + name + "' may appear once",
                    Map.of("parameter", name));
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /** The caller named by the Authorization header (anonymous without one). */
    public Caller caller() {
        return gateway.authenticator().fromHeader(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    }

    /** The Authorization header, or null. */
    public @Nullable String authorization() {
        return request.getHeaders().get(HttpHeader.AUTHORIZATION);
    }

    /** Throws {@code 413} at once if the declared length is over the limit. */
    public void checkDeclaredLength() {
        long declared = request.getLength();
        if (declared > gateway.config().maxBodyBytes()) {
            throw tooLarge();
        }
    }

    /**
     * A body sent with a {@code Content-Type} must declare JSON: {@code application/json} or a
     * {@code +json} type, with any parameters ({@code charset=utf-8}). Without the header the body is
     * read as JSON. Refusing {@code text/plain} and forms also keeps browsers from sending actions
     * cross-origin without a CORS preflight.
     *
     * @throws TroupeException {@code 415 request/unsupported_media_type}
     */
    private void checkJsonMediaType() {
        String declared = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (declared == null) {
            return;
        }
        String mediaType = declared.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new TroupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be JSON (Content-Type: "
                    + "application/json), not '" + declared.trim() + "'", Map.of("contentType", declared.trim()));
        }
    }

    /**
     * The body as a JSON object with only the {@code allowed} fields; an empty body is an empty
     * object. A declared media type must be JSON.
     */
    public ObjectNode jsonObjectBody(Set<String> allowed) {
        byte[] body = body();
        if (body.length == 0) {
            return Json.mapper().createObjectNode();
        }
        checkJsonMediaType();
        JsonNode node = Targets.parse(body);
        if (!node.isObject()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the body must be a JSON object, got "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!allowed.contains(field)) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "unknown field '" + field + "'; expected "
                        + allowed, Map.of("field", field));
            }
        }
        return (ObjectNode) node;
    }

    /**
     * An answer given before the request body was read (an unknown action, a body over the limit) leaves
     * the rest of the body on the connection. Jetty then closes the connection after the answer, and a
     * client that reuses it meanwhile sees it end under its next request. Saying {@code Connection:
     * close} in the answer tells the client not to reuse it.
     */
    private void closeUnlessBodyConsumed() {
        if (!request.consumeAvailable()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    /**
     * The raw body, for protocols whose bodies are not JSON (RivetKit's CBOR and BARE); an empty body is
     * an empty array. Reads it at most once.
     *
     * @throws TroupeException {@code 413 request/too_large} over the body limit, {@code 400
     *                         request/invalid_request} if it cannot be read
     */
    public byte[] body() {
        int limit = gateway.config().maxBodyBytes();
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            // With a declared length, read exactly that (readNBytes(n) with n the limit would allocate a
            // buffer of up to 8 KiB per request for a body of a few bytes); a body longer than declared is
            // a framing error that Jetty reports.
            byte[] body = declared >= 0 ? readDeclared(in, (int) declared) : in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the body could not be read: " + e.getMessage());
        }
    }

    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
            throw new IOException("the body ended after " + read + " of " + length + " declared bytes");
        }
        return body;
    }

    private TroupeException tooLarge() {
        int limit = gateway.config().maxBodyBytes();
        return new TroupeException(ErrorCode.TOO_LARGE, "the body exceeds " + limit + " bytes",
                Map.of("limit", limit));
    }

    /**
     * The body as a stream, for bodies that are not held whole (content uploads), with no limit of its
     * own: the reader enforces the limit it needs. Read it at most once, instead of {@link #body()}.
     */
    public InputStream bodyStream() {
        return Content.Source.asInputStream(request);
    }

    /** The value of a request header, or null. */
    public @Nullable String header(HttpHeader name) {
        return request.getHeaders().get(name);
    }

    /**
     * Answers with {@code length} bytes copied from {@code bytes} as they are read, so that large
     * bodies are never held whole; {@code headers} are set besides {@code Content-Type} and {@code
     * Content-Length}, and no {@code Cache-Control: no-store} is added (the caller says how to cache).
     * A {@code HEAD} answer carries the headers only.
     *
     * @throws IOException if reading {@code bytes} or writing the response fails after the answer began
     */
    public void stream(int status, String contentType, long length, Map<HttpHeader, String> headers, InputStream bytes)
            throws IOException {
        closeUnlessBodyConsumed();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        answered(status);
        if (isHead()) {
            response.write(true, null, callback);
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            bytes.transferTo(out);
        }
        callback.succeeded();
    }

    /**
     * The request as an actor's raw handler sees it: {@code path} (below the raw prefix), the query
     * string without the parameters whose names {@code hiddenQuery} matches, and the headers without those named
     * in {@code hiddenHeaders} (lower case) and without {@code Authorization}, Troupe's credential. The
     * body is read with the body limit, except for an upgrade ({@code withBody} false).
     *
     * @throws TroupeException {@code 413 request/too_large}, {@code 400 request/invalid_request}
     */
    public RawRequest rawRequest(String path, java.util.function.Predicate<String> hiddenQuery, Set<String> hiddenHeaders,
                                 boolean withBody) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            if (!name.equals("authorization") && !hiddenHeaders.contains(name)) {
                headers.computeIfAbsent(name, ignored -> new java.util.ArrayList<>()).add(field.getValue());
            }
        }
        String query = request.getHttpURI().getQuery();
        return new RawRequest(method(), path, query == null ? "" : Targets.withoutParameters(query, hiddenQuery),
                headers, withBody ? body() : new byte[0]);
    }

    /**
     * Answers with what an actor's raw handler returned: its status, its headers (hop-by-hop ones left
     * out) and its body, with {@code Content-Length}; no {@code Cache-Control} is added.
     */
    public void raw(RawResponse answer) {
        closeUnlessBodyConsumed();
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name)) {
                values.forEach(value -> response.getHeaders().add(name, value));
            }
        });
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        answered(answer.status());
        response.write(true, isHead() ? null : ByteBuffer.wrap(answer.body()), callback);
    }

    /** Answers with no body and the given headers besides the status (a {@code 304 Not Modified}). */
    public void empty(int status, Map<HttpHeader, String> headers) {
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        empty(status);
    }

    /** Answers with a JSON document. */
    public void json(int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON_WRITER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        send(status, JSON_TYPE, bytes);
    }

    /**
     * Counts the answer in the request metrics: the request's method, the route's template, {@code
     * status}, and the time from the request's arrival until now. The answers below count themselves;
     * an endpoint that answers asynchronously (a stream, an upgrade) calls this once it has answered.
     */
    public void answered(int status) {
        gateway.metrics().request(request.getMethod(), route, status, System.nanoTime() - request.getBeginNanoTime());
    }

    /** Answers with no body. */
    public void empty(int status) {
        closeUnlessBodyConsumed();
        response.setStatus(status);
        answered(status);
        callback.succeeded();
    }

    /** Answers with a body of the given type. */
    public void send(int status, String contentType, byte[] bytes) {
        closeUnlessBodyConsumed();
        response.setStatus(status);
        response.getHeaders().put(JSON_TYPE.equals(contentType) ? JSON_CONTENT_TYPE
                : new HttpField(HttpHeader.CONTENT_TYPE, contentType));
        response.getHeaders().put(NO_STORE);
        answered(status);
        if (isHead()) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }

    /** Produces a streamed body, writing it as it goes. */
    @FunctionalInterface
    public interface BodyWriter {
        /** Writes the body to {@code out}; the caller flushes and ends it. */
        void write(Writer out) throws IOException;
    }

    /**
     * Answers with a body of the given type that {@code body} writes as UTF-8 text while it runs, sent
     * chunked as the buffer fills, so it is never held whole (blocking: call on the request's thread).
     * If {@code body} throws, the exception escapes without ending the body: the client sees the
     * response aborted, not a complete one, and the failure is reported as for any endpoint.
     */
    public void stream(int status, String contentType, BodyWriter body) throws IOException {
        closeUnlessBodyConsumed();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(NO_STORE);
        answered(status);
        if (isHead()) {
            response.write(true, null, callback);
            return;
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(Content.Sink.asOutputStream(response),
                StandardCharsets.UTF_8));
        body.write(out);
        out.close();
        callback.succeeded();
    }

    /** Answers with the wire error for {@code failure}, unless the response has already started. */
    public void fail(Throwable failure) {
        TroupeException jetty = JettyErrors.of(failure);
        TroupeException error = jetty != null ? jetty : WireErrors.from(failure, method() + " " + route);
        gateway.metrics().error(error.error().qualifiedCode());
        if (response.isCommitted()) {
            callback.failed(error);
            return;
        }
        json(error.status(), WireErrors.body(error.error()));
    }
}
