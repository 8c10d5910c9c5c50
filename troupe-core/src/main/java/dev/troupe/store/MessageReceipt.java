package dev.troupe.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * That the actor being written processed a message, committed with the turn that processed it: the
 * store records {@code seq} as the last message of the pair (the sender and this actor's address) that
 * the receiver processed, and removes the message from the outbox. A message whose turn failed is
 * still processed (it is not retried for ever); its receipt names the error and the store keeps the
 * message as a {@link DeadLetter}.
 *
 * @param messageId the message's id
 * @param senderId  the sender's id
 * @param seq       the message's position in its pair
 * @param error     why processing failed ({@code group/code: message}), or null if it succeeded
 */
public record MessageReceipt(String messageId, String senderId, long seq, @Nullable String error) {

    /** Checks that no required field is missing. */
    public MessageReceipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderId, "senderId");
    }
}
