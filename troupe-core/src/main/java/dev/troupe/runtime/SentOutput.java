package dev.troupe.runtime;

import dev.troupe.TroupeException;
import dev.troupe.store.OutboxMessage;
import java.util.List;

/**
 * The one-way messages a turn sent, handed to the relay once the commit carrying them is durable; if
 * that commit fails they were never stored, and nothing is sent.
 */
record SentOutput(MessageRelay relay, List<OutboxMessage> messages) implements TurnOutput {
    @Override
    public void release() {
        relay.sent(messages);
    }

    @Override
    public void fail(TroupeException error) {
        // Not stored, so not sent: the turn's caller learns of the failure through its own output.
    }
}
