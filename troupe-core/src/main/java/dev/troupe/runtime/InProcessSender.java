package dev.troupe.runtime;

import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.store.OutboxMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Sends the one-way messages of in-process code (not of an actor's turn): each is written to the
 * outbox durably, with the group committer's next batch (GroupCommitter.enqueue, one transaction for
 * the messages of all concurrent callers), before {@code send} returns; the committer then hands it to
 * the relay. The sender is this runtime, under an id of its own, so its pairs begin at seq 1 without
 * reading the store; messages to one receiver are numbered and handed to the committer one at a time,
 * in the order of the calls, and written in that order. If a batch fails, the sender takes a new id
 * (new pairs from seq 1), as messages numbered after the failed ones are refused by the committer
 * rather than leave a gap that would hold up their pair for ever.
 */
final class InProcessSender {
    /** One sender id and the last number given per receiver under it. */
    private record Pairs(String senderId, Map<Address, long[]> lastSeqs) {
        Pairs() {
            this("in-process-" + Ids.next(), new ConcurrentHashMap<>());
        }
    }

    private final AtomicReference<Pairs> pairs = new AtomicReference<>(new Pairs());
    private final TimeSource time;
    private final GroupCommitter committer;

    InProcessSender(TimeSource time, GroupCommitter committer) {
        this.time = time;
        this.committer = committer;
    }

    /**
     * Writes the message durably and hands it to the relay.
     *
     * @throws TroupeException {@code actor/unavailable} if the store failed; then nothing was sent
     */
    void send(Address receiver, String action, String args, Caller caller) {
        Pairs current = pairs.get();
        long[] last = current.lastSeqs().computeIfAbsent(receiver, r -> new long[1]);
        CompletableFuture<@Nullable Void> durable;
        synchronized (last) {
            OutboxMessage message = new OutboxMessage(Ids.next(), current.senderId(), caller.id(), receiver.type(),
                    receiver.key(), last[0] + 1, action, args, time.instant());
            last[0] = message.seq();
            durable = committer.enqueue(message);
        }
        try {
            durable.join();
        } catch (CompletionException e) {
            pairs.compareAndSet(current, new Pairs());
            throw new TroupeException(ErrorCode.UNAVAILABLE, "sending " + action + " to " + receiver
                    + " failed: the store is unavailable", e.getCause());
        }
    }
}
