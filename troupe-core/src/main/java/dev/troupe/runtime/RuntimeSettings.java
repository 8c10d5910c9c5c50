package dev.troupe.runtime;

import dev.troupe.TimeSource;
import java.time.Duration;

/**
 * The runtime's tuning, as assembled by {@code Troupe.Builder}.
 *
 * @param maxActiveActors      the cap on activations in memory; beyond it the least recently used sleep
 * @param callTimeout          the default timeout of a call
 * @param idleCheckInterval    how often idle activations are looked for
 * @param schedulePollInterval the longest the scheduler waits before asking the store again
 * @param maxBatch             the most actor writes in one store transaction
 * @param clock                the one source of time of the runtime: timers, deadlines, idle sleep,
 *                             schedules, creation and turn times
 */
public record RuntimeSettings(int maxActiveActors, Duration callTimeout, Duration idleCheckInterval,
                              Duration schedulePollInterval, int maxBatch, TimeSource clock) {
}
