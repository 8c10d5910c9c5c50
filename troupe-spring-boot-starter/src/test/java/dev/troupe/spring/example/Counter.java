package dev.troupe.spring.example;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** A counter anyone may increment. */
@ActorContract("counter")
public interface Counter {
    long increment(long amount);

    @ReadOnly
    long count();
}
