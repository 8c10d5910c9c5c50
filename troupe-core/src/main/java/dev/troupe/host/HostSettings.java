package dev.troupe.host;

import dev.troupe.TimeSource;
import java.time.Duration;
import java.util.Objects;

/**
 * The tuning a runtime is started with, as {@code Troupe.Builder} assembles it from its settings. A
 * value: the builder has checked each field.
 *
 * @param maxActiveActors      the cap on activations in memory; beyond it the least recently used sleep
 * @param callTimeout          the default timeout of a call
 * @param idleCheckInterval    how often idle activations are looked for
 * @param schedulePollInterval the longest the scheduler waits before asking the store again
 * @param maxBatch             the most actor writes in one store transaction
 * @param clock                the one source of time of the runtime: timers, deadlines, idle sleep,
 *                             schedules, creation and turn times
 * @param content              how the runtime serves its content store
 */
public record HostSettings(int maxActiveActors, Duration callTimeout, Duration idleCheckInterval,
                           Duration schedulePollInterval, int maxBatch, TimeSource clock, ContentSettings content) {
    /** Checks that nothing is missing. */
    public HostSettings {
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(idleCheckInterval, "idleCheckInterval");
        Objects.requireNonNull(schedulePollInterval, "schedulePollInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(content, "content");
    }
}
