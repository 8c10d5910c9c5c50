package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/** An actor with raw HTTP and WebSocket handlers: it records what it was sent and counts the hits. */
@ActorContract("test-webhook")
public interface Webhook {
    /** How many raw requests and raw WebSocket messages changed the state. */
    @ReadOnly
    long hits();

    /** What the handlers recorded, in order: {@code METHOD path?query body}, {@code open path}, {@code ws:text}, {@code closed:code}. */
    @ReadOnly
    List<String> entries();
}
