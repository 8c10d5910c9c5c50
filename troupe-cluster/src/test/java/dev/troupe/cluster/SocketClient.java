package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An anonymous WebSocket client of protocol v1, for the tests: sends frames, waits for frames. */
final class SocketClient implements AutoCloseable {
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;
    private final List<JsonNode> seen = new ArrayList<>();

    private SocketClient(HttpClient http, WebSocket socket, BlockingQueue<JsonNode> frames) {
        this.http = http;
        this.socket = socket;
        this.frames = frames;
    }

    /** Opens a connection to actor {@code type/key} through the gateway at {@code node}. */
    static SocketClient connect(URI node, String type, String key) {
        HttpClient http = HttpClient.newHttpClient();
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        URI uri = URI.create("ws://" + node.getHost() + ":" + node.getPort() + "/v1/actors/" + type + "/connect?key=" + key);
        WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        frames.add(Json.mapper().readTree(text.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        return new SocketClient(http, socket, frames);
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Waits for the next frame (skipping others, which stay visible to later waits) that matches. */
    JsonNode awaitFrame(Predicate<JsonNode> matches) throws InterruptedException {
        for (JsonNode frame : seen) {
            if (matches.test(frame)) {
                seen.remove(frame);
                return frame;
            }
        }
        long deadline = System.nanoTime() + FRAME_TIMEOUT.toNanos();
        while (true) {
            JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no matching frame within " + FRAME_TIMEOUT + "; received " + seen);
            }
            if (matches.test(frame)) {
                return frame;
            }
            seen.add(frame);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        http.close();
    }
}
