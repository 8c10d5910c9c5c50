package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** The receiving side of the messaging tests: records one-way messages and answers deferred calls. */
@ActorContract("test-recorder")
public interface Recorder {
    /** Records message {@code n} from {@code from}; counts it as out of order unless it follows the last. */
    void record(String from, long n);

    /** Throws, so that the message becomes a dead letter. */
    void refuse(String why);

    /** The last number recorded from {@code from}, 0 if none. */
    @ReadOnly
    long last(String from);

    /** How many messages were recorded in all. */
    @ReadOnly
    long total();

    /** How many messages did not follow the last one from their sender (duplicates and gaps; must stay 0). */
    @ReadOnly
    long outOfOrder();

    /** A question answered later, by {@link #answer}. */
    String ask(String question);

    /** Answers the oldest open question with {@code text}; false if none was open or its caller left. */
    boolean answer(String text);
}
