package dev.troupe.bench.supervision;

import dev.troupe.Actor;
import dev.troupe.Input;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Hand}. Its {@code onWake} completes the future {@link #nextWake} handed out for its key, so
 * that the benchmark sees the moment a restarted hand is back.
 */
public final class HandActor extends Actor<HandActor.State> implements Hand {
    private static final Map<String, CompletableFuture<Void>> WAKES = new ConcurrentHashMap<>();

    /** A counter of pings. */
    public record State(long pings) {
    }

    /** Completes at the next {@code onWake} of the hand whose key prints as {@code key}. */
    static CompletableFuture<Void> nextWake(String key) {
        CompletableFuture<Void> woke = new CompletableFuture<>();
        WAKES.put(key, woke);
        return woke;
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    protected void onWake() {
        CompletableFuture<Void> woke = WAKES.remove(key().toString());
        if (woke != null) {
            woke.complete(null);
        }
    }

    @Override
    public long ping() {
        return state().pings();
    }

    @Override
    public void crash() {
        throw new IllegalStateException("the benchmark crashes " + key());
    }
}
