package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A test WebSocket client on java.net.http: collects text frames as JSON and the close code. With
 * {@link #pause()} it stops requesting frames, like a client that does not read.
 */
final class WsClient implements WebSocket.Listener {
    private static final long WAIT_SECONDS = 10;

    WebSocket socket;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private final AtomicBoolean paused = new AtomicBoolean();

    /** A text frame as sent and as parsed. */
    private record Frame(String text, JsonNode json) {
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                frames.add(new Frame(text, Json.mapper().readTree(text)));
            } catch (IOException e) {
                throw new AssertionError("the server sent a frame that is not JSON: " + text, e);
            }
        }
        if (!paused.get()) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        throw new AssertionError("the server sent a binary frame");
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
        closeReason = String.valueOf(error);
    }

    /** Sends a text frame and waits until it is handed to the socket. */
    WsClient send(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return this;
    }

    /** The next frame; fails if none arrives in time. */
    JsonNode next() {
        return nextFrame().json();
    }

    /** The next frame of the given type, skipping others (events, say). */
    JsonNode next(String type) {
        return next(frame -> type.equals(frame.path("type").asText()));
    }

    /** The next frame matching, skipping others. */
    JsonNode next(Predicate<JsonNode> wanted) {
        return nextFrame(wanted).json();
    }

    /** The exact text of the next frame of the given type, skipping others. */
    String nextText(String type) {
        return nextFrame(frame -> type.equals(frame.path("type").asText())).text();
    }

    private Frame nextFrame(Predicate<JsonNode> wanted) {
        while (true) {
            Frame frame = nextFrame();
            if (wanted.test(frame.json())) {
                return frame;
            }
        }
    }

    private Frame nextFrame() {
        try {
            Frame frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within %d s", WAIT_SECONDS).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame if one has arrived, without waiting. */
    Optional<JsonNode> poll() {
        return Optional.ofNullable(frames.poll()).map(Frame::json);
    }

    /** The frames received and not yet taken. */
    int pending() {
        return frames.size();
    }

    /** The close code the server sent; fails if it does not close in time. */
    int closeCode() {
        return closeCode.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    String closeReason() {
        closeCode();
        return closeReason;
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    /** Stops requesting frames. */
    void pause() {
        paused.set(true);
    }

    /** Requests every frame from now on. */
    void resume() {
        paused.set(false);
        socket.request(Long.MAX_VALUE);
    }

    void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        }
    }
}
