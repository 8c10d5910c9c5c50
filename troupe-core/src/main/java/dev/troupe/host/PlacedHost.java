package dev.troupe.host;

import java.util.concurrent.CompletableFuture;

/**
 * A runtime started with a {@link Placement}: it hosts only the actors the placement calls local, and
 * can hand one back when the placement moves it to another node. Thread-safe.
 */
public interface PlacedHost extends RunningHost {

    /**
     * Puts {@code address}'s activation to sleep, if this runtime has one: its queued turns run, its
     * writes become durable, its connections close. Call it after the placement stopped calling the
     * actor local, so that messages arriving meanwhile go to its new owner. Completes when the
     * activation is gone (at once if there is none); never fails.
     */
    CompletableFuture<Void> release(Address address);
}
