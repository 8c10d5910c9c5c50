package dev.troupe.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A message that was not processed normally, kept so that nothing sent is lost silently: its receiver
 * did not exist when it was delivered, or the receiver's turn failed on it.
 *
 * @param message the message as it was sent
 * @param error   why ({@code group/code: message})
 * @param at      when it became a dead letter
 */
public record DeadLetter(OutboxMessage message, String error, Instant at) {

    /** Checks that no field is missing. */
    public DeadLetter {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
    }
}
