package dev.troupe.server.v1;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The event streams one server holds, live or waiting for their client to resume, by stream id. Thread-safe. */
final class EventStreams {
    private final Map<String, EventStream> streams = new ConcurrentHashMap<>();

    /** The stream with this id, or null if the server holds none (any more). */
    @Nullable EventStream get(String id) {
        return streams.get(id);
    }

    void add(String id, EventStream stream) {
        streams.put(id, stream);
    }

    void remove(String id, EventStream stream) {
        streams.remove(id, stream);
    }
}
