package dev.troupe.server.metrics;

import io.micrometer.core.instrument.Meter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one metric by their tag values, each registered once, on first use. Building and
 * registering a meter means building its id and looking it up in the registry; a hot path (every
 * request, every turn) only looks its key up here. Keys must be bounded sets of tag values, as the
 * registry's meters are. Thread-safe: a hit takes no lock; {@code register} runs at most once per key.
 */
final class Meters<K, M extends Meter> {
    private final Map<K, M> meters = new ConcurrentHashMap<>();
    private final Function<K, M> register;

    /** Meters registered by {@code register}, which builds the meter for a key's tag values. */
    Meters(Function<K, M> register) {
        this.register = register;
    }

    /** The meter for {@code key}, registered now if this is its first use. */
    M get(K key) {
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, register);
    }
}
