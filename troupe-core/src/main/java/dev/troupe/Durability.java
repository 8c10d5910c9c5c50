package dev.troupe;

/** When a turn's caller gets its result relative to the turn's commit. */
public enum Durability {
    /**
     * The default: results, broadcasts and view patches are released only after the turn's commit is
     * durable in the store. Nothing a caller has seen can be lost by a crash.
     */
    STRICT,
    /**
     * Results and broadcasts are released as soon as the turn ends; the commit follows within the
     * group-commit delay. A crash can lose acknowledged turns of this type. Opt in per type only where
     * that is acceptable (presence, cursors, ephemeral counters).
     */
    RELAXED
}
