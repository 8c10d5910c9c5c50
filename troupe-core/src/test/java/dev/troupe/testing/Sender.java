package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** The sending side of the messaging tests: sends numbered one-way messages to a {@link Recorder}. */
@ActorContract("test-sender")
public interface Sender {
    /**
     * Sends the next {@code count} numbers to the recorder under {@code recorderKey}, in one turn, and
     * returns the last number sent so far.
     */
    long sendNext(String recorderKey, int count);

    /**
     * Enqueues the next {@code count} numbers to the queue {@code jobs} of the recorder under
     * {@code recorderKey}, in one turn, and returns the last number sent so far.
     */
    long enqueueNext(String recorderKey, int count);

    /** Enqueues one message, then throws: nothing may be enqueued. */
    void enqueueThenFail(String recorderKey);

    /** Sends one message, then throws: nothing may be sent. */
    void sendThenFail(String recorderKey);

    /** Sends a message whose argument is {@code bytes} characters long. */
    void sendLarge(String recorderKey, int bytes);

    /** Sends a message the recorder refuses, then the next number. */
    long sendRefusedThenNext(String recorderKey);

    /** How many numbers this sender has sent (durably, with the messages). */
    @ReadOnly
    long sent();
}
