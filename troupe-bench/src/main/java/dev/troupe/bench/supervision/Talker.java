package dev.troupe.bench.supervision;

import dev.troupe.ActorContract;

/** The sending side of the send benchmark: talks to its tally one way or by request and response. */
@ActorContract("bench-talker")
public interface Talker {
    /** Sends one one-way {@code add} to the tally under {@code tallyKey}, in this turn's commit. */
    void send(String tallyKey);

    /** Calls {@code add} of the tally under {@code tallyKey} and waits for its answer, inside this turn. */
    long request(String tallyKey);
}
