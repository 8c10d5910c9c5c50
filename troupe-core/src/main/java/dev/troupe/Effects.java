package dev.troupe;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything non-deterministic a turn may use, recorded so that the turn can be replayed: the clock,
 * random numbers and UUIDs, outbound HTTP calls, and anything else through {@link #record}.
 *
 * <p>For a type with history ({@link TypeOptions#history()}), each value is produced live and recorded,
 * in order and by name, in the turn's history entry; when the turn is replayed, the value is taken
 * from the entry instead, and a call whose order or name differs from the recording is reported as a
 * divergence. The runtime records the ids it gives new schedules the same way (as {@code scheduleId}),
 * so a turn that returns one replays too. Without history the values are produced live and not kept. Values must be
 * JSON-serialisable and read back as the same value. Valid only inside the turn that obtained it, on
 * its thread.
 *
 * {@snippet :
 * Instant now = effects().now();
 * String quote = effects().record("quote", String.class, () -> quotes.next());
 * }
 */
public interface Effects {

    /** The current time (recorded as {@code now}). */
    Instant now();

    /** A random number in {@code [0, 1)} (recorded as {@code random}). */
    double random();

    /** A random UUID (recorded as {@code uuid}). */
    UUID uuid();

    /**
     * Sends {@code request} with the JDK HTTP client and reads the body as text (recorded as
     * {@code http}, with its status, headers and body). Blocks this actor only.
     *
     * @throws java.io.UncheckedIOException if the exchange fails; nothing is recorded then
     */
    HttpResult http(HttpRequest request);

    /**
     * The value {@code supplier} produces, recorded under {@code name}; in replay, the recorded value
     * read back as {@code type}.
     */
    <T> T record(String name, Class<T> type, Supplier<? extends T> supplier);

    /**
     * What an HTTP exchange returned.
     *
     * @param status  the status code
     * @param headers the response headers, names in lower case
     * @param body    the body as text
     */
    record HttpResult(int status, Map<String, List<String>> headers, String body) {
        /** Freezes the fields. */
        public HttpResult {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }
}
