package dev.troupe.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for an LLM API on 127.0.0.1 (a free port): it answers each POST with the next
 * scripted {@link Reply}, byte for byte as given (the wire-format fixtures of {@link AnthropicWire}
 * and {@link OpenAiWire}), and keeps what it was sent. Not the real service: the replies are written
 * after the providers' documentation.
 */
public final class FakeLlmServer implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Function<JsonNode, Reply> otherwise;

    /** What the server got: the path, the headers (names in lower case) and the JSON body. */
    public record Received(String path, Map<String, List<String>> headers, JsonNode body) {
        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.getFirst();
        }
    }

    /**
     * One answer: a status, a content type, extra headers and the body; each of {@code chunks} is
     * written and flushed on its own, and chunk {@code holdAt} only once {@code release} opened, so a
     * test can see what arrived before the stream ends.
     */
    public record Reply(int status, String contentType, Map<String, String> headers, List<String> chunks, int holdAt,
                 CountDownLatch release) {
        /** A JSON answer. */
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", Map.of(), List.of(body), 0, new CountDownLatch(0));
        }

        /** A stream of server-sent events, each written and flushed on its own. */
        public static Reply sse(List<String> events) {
            return new Reply(200, "text/event-stream", Map.of(), events, 0, new CountDownLatch(0));
        }

        /** The same reply with one more header. */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, more, chunks, holdAt, release);
        }

        /** The same reply, writing chunk {@code chunk} only once {@code until} opened. */
        public Reply holdingChunk(int chunk, CountDownLatch until) {
            return new Reply(status, contentType, headers, chunks, chunk, until);
        }
    }

    /** Starts the server on a free port of 127.0.0.1. */
    public FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The server's address, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts the next replies, in order. */
    public FakeLlmServer reply(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    /**
     * The reply to a request (given its JSON body) whenever no scripted one is left, at once; without
     * it the server waits 5 s for one to be scripted, then fails the request.
     */
    public FakeLlmServer otherwise(java.util.function.Function<JsonNode, Reply> reply) {
        this.otherwise = reply;
        return this;
    }

    /** What the server got, in order. */
    public List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            JsonNode request = Json.mapper().readTree(body);
            received.add(new Received(exchange.getRequestURI().getPath(), headers, request));
            java.util.function.Function<JsonNode, Reply> fallback = otherwise;
            Reply reply = fallback == null ? replies.poll(5, TimeUnit.SECONDS)
                    : java.util.Objects.requireNonNullElseGet(replies.poll(), () -> fallback.apply(request));
            if (reply == null) {
                reply = Reply.json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"no reply scripted\"}}");
            }
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < reply.chunks().size(); i++) {
                if (i == reply.holdAt() && !reply.release().await(10, TimeUnit.SECONDS)) {
                    return;
                }
                out.write(reply.chunks().get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
