package dev.troupe.runtime;

import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.Store;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the one-way messages of in-process code (not of an actor's turn): each is written to the
 * outbox on its own, durably, before {@code send} returns, then handed to the relay. The sender is
 * this runtime, under an id of its own for each start, so its pairs begin at seq 1 without reading
 * the store; messages to one receiver are numbered and written one at a time, in the order of the
 * calls.
 */
final class InProcessSender {
    private final String senderId = "in-process-" + Ids.next();
    private final Map<Address, long[]> lastSeqs = new ConcurrentHashMap<>();
    private final Store store;
    private final TimeSource time;
    private final MessageRelay relay;

    InProcessSender(Store store, TimeSource time, MessageRelay relay) {
        this.store = store;
        this.time = time;
        this.relay = relay;
    }

    /**
     * Writes the message durably and hands it to the relay.
     *
     * @throws TroupeException {@code actor/unavailable} if the store failed; then nothing was sent
     */
    void send(Address receiver, String action, String args, Caller caller) {
        long[] last = lastSeqs.computeIfAbsent(receiver, r -> new long[1]);
        OutboxMessage message;
        synchronized (last) {
            message = new OutboxMessage(Ids.next(), senderId, caller.id(), receiver.type(), receiver.key(),
                    last[0] + 1, action, args, time.instant());
            try {
                store.enqueue(List.of(message));
            } catch (RuntimeException e) {
                throw new TroupeException(ErrorCode.UNAVAILABLE, "sending " + action + " to " + receiver
                        + " failed: the store is unavailable", e);
            }
            last[0] = message.seq();
            relay.sent(List.of(message));
        }
    }
}
