package dev.troupe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test WebSocket client of text messages as they are (not JSON), for raw WebSockets; on java.net.http. */
public final class TextWebSocket implements WebSocket.Listener {
    private static final long WAIT_SECONDS = 10;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private TextWebSocket() {
    }

    /**
     * Opens a socket to {@code uri} offering {@code subprotocols}.
     *
     * @throws java.util.concurrent.ExecutionException with a {@code WebSocketHandshakeException} if refused
     */
    public static TextWebSocket open(URI uri, String... subprotocols) throws Exception {
        TextWebSocket listener = new TextWebSocket();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        listener.socket = builder.buildAsync(uri, listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return listener;
    }

    /** The underlying socket. */
    public WebSocket socket() {
        return socket;
    }

    /** Sends one text message and waits until it is handed to the socket. */
    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Closes the socket normally (1000). */
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** The next message; fails if none arrives in time. */
    public String next() throws InterruptedException {
        String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(message).as("a message within %d s", WAIT_SECONDS).isNotNull();
        return message;
    }

    /** The close code the server sent; fails if it does not close in time. */
    public int closeCode() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
