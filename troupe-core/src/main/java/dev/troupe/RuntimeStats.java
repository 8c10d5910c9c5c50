package dev.troupe;

/**
 * A snapshot of runtime counters, for benchmarks and dashboards.
 *
 * @param activeActors    activations currently in memory
 * @param turns           turns completed since start
 * @param commitBatches   store transactions committed since start
 * @param committedWrites actor writes committed (after coalescing turns of one actor in a batch)
 * @param durableTurns    state-changing turns made durable
 * @param largestBatch    the most actor writes committed in one transaction
 */
public record RuntimeStats(int activeActors, long turns, long commitBatches, long committedWrites, long durableTurns,
                           long largestBatch) {

    /** Average actor writes per store transaction. */
    public double averageBatch() {
        return commitBatches == 0 ? 0 : (double) committedWrites / commitBatches;
    }
}
