package dev.troupe.bench.supervision;

import dev.troupe.ActorContract;

/** The parent of the supervision benchmark. */
@ActorContract("bench-crew")
public interface Crew {
    /** Spawns {@code count} hands named {@code prefix0}, {@code prefix1}, …; returns how many it spawned. */
    int spawn(String prefix, int count);

    /** Spawns one hand named {@code name}; returns its key as JSON. */
    String spawnOne(String name);
}
