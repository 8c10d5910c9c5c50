package dev.troupe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** A WebSocket listener for the demo's tests that parses each text frame as JSON into {@link #frames}. */
public class JsonFrames implements WebSocket.Listener {
    /** The frames received, in order. */
    protected final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(Json.mapper().readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }
}
