package dev.troupe.store;

import dev.troupe.Key;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-way message waiting in the outbox: written in the commit of the turn that sent it, removed by
 * the commit of the receiver's turn that processed it (see {@link MessageReceipt}) or when it becomes
 * a {@link DeadLetter}.
 *
 * <p>Messages are numbered per <em>pair</em>, a sender id and a receiver address: {@code seq} is 1 for
 * the first message of a pair and grows by one with each further message, without gaps. The receiver
 * processes a pair's messages in {@code seq} order and records the last one it processed, which is
 * what makes a redelivered message recognisable as a duplicate.
 *
 * @param id           the message's unique id (UUIDv7)
 * @param senderId     the sending actor's id, or the id of an in-process sender
 * @param caller       the caller id the receiver's turn runs as (a {@code system} caller)
 * @param receiverType the receiving actor's type
 * @param receiverKey  the receiving actor's key
 * @param seq          the message's position in its pair, from 1
 * @param action       the receiver's action to run
 * @param args         the action's arguments as a JSON array, kept byte for byte
 * @param sentAt       when the sending turn ran
 */
public record OutboxMessage(String id, String senderId, String caller, String receiverType, Key receiverKey,
                            long seq, String action, String args, Instant sentAt) {

    /** Checks that no field is missing and that {@code seq} is positive. */
    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(receiverType, "receiverType");
        Objects.requireNonNull(receiverKey, "receiverKey");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(sentAt, "sentAt");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be positive: " + seq);
        }
    }
}
