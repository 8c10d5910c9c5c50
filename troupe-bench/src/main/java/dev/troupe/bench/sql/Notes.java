package dev.troupe.bench.sql;

import dev.troupe.ActorContract;

/** The actor of the sql benchmark: inserts one row per call into its own SQL database. */
@ActorContract("bench-sql-notes")
public interface Notes {
    /** Inserts a row with {@code text}; returns how many rows the actor has inserted. */
    long add(String text);
}
