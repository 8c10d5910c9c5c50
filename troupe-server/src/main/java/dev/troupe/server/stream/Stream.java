package dev.troupe.server.stream;

/** An open client stream (a WebSocket or an SSE response) that the server can end when it stops. */
public interface Stream {

    /** Ends the stream because the server is going away (WebSocket close code 1001). Must not block. */
    void goingAway();
}
