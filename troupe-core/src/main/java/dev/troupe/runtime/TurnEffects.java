package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Effects;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Effects} of one turn. Live, each value is produced and, if the turn is recorded, kept in
 * order with its name; in replay, each value is taken from the recording instead ({@link
 * ReplayedEffects}), and nothing live runs.
 */
final class TurnEffects implements Effects {
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private final @Nullable List<RecordedEffect> recorded;
    private final @Nullable ReplayedEffects replay;

    private TurnEffects(@Nullable List<RecordedEffect> recorded, @Nullable ReplayedEffects replay) {
        this.recorded = recorded;
        this.replay = replay;
    }

    /** Effects produced live; kept if {@code record}. */
    static TurnEffects live(boolean record) {
        return new TurnEffects(record ? new ArrayList<>(2) : null, null);
    }

    /** Effects taken from a recording. */
    static TurnEffects replayed(ReplayedEffects replay) {
        return new TurnEffects(null, replay);
    }

    /** Whether values are recorded or taken from a recording, so calls to other actors go through them. */
    boolean keeps() {
        return recorded != null || replay != null;
    }

    /** What was recorded, in order; empty if nothing is kept. */
    List<RecordedEffect> recorded() {
        return recorded == null ? List.of() : recorded;
    }

    @Override
    public Instant now() {
        return record("now", Instant.class, Instant::now);
    }

    @Override
    public double random() {
        return record("random", Double.class, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public UUID uuid() {
        return record("uuid", UUID.class, UUID::randomUUID);
    }

    @Override
    public HttpResult http(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        return record("http", HttpResult.class, () -> {
            try {
                HttpResponse<String> response = Client.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return new HttpResult(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("HTTP " + request.method() + " " + request.uri() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException("HTTP " + request.method() + " " + request.uri() + " was interrupted",
                        new java.io.InterruptedIOException(e.getMessage()));
            }
        });
    }

    @Override
    public <T> T record(String name, Class<T> type, Supplier<? extends T> supplier) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (replay != null) {
            return replay.next(name, type);
        }
        T value = supplier.get();
        if (recorded != null) {
            JsonNode tree = Json.mapper().valueToTree(value);
            recorded.add(new RecordedEffect(name, tree));
        }
        return value;
    }
}
