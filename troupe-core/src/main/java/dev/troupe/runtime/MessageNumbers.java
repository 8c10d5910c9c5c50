package dev.troupe.runtime;

import dev.troupe.host.Address;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One activation's positions in its message pairs: the last {@code seq} it sent to each receiver and
 * the last it processed from each sender, and how often each queue message's handler failed (in memory
 * only: a new activation gives a poison message its attempts again). Read from the store on first use in a generation and kept
 * in memory after that, which is safe because only the current activation commits (fencing). Cleared
 * whenever the activation loads again (the activation drops this object and makes a new one on first
 * use), so that a failed commit's numbers are read back from what the store holds.
 *
 * <p>Turn thread only.
 */
final class MessageNumbers {
    private final Map<Address, Long> sent = new HashMap<>();
    private final Map<String, Long> received = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();

    /** Numbers the messages a completed turn of {@code sender} sent, in order. */
    List<OutboxMessage> number(Store store, String senderId, String caller, List<Turn.Send> sends, Instant at) {
        List<OutboxMessage> numbered = new ArrayList<>(sends.size());
        for (Turn.Send send : sends) {
            Address receiver = send.receiver();
            long seq = sent.computeIfAbsent(receiver,
                    r -> store.lastSentSeq(senderId, r.type(), r.key())) + 1;
            sent.put(receiver, seq);
            numbered.add(new OutboxMessage(Ids.next(), senderId, caller, receiver.type(), receiver.key(), seq,
                    send.action(), send.args(), at));
        }
        return numbered;
    }

    /** The last {@code seq} from {@code senderId} that the actor at {@code self} processed. */
    long lastReceived(Store store, Address self, String senderId) {
        return received.computeIfAbsent(senderId, s -> store.lastReceivedSeq(s, self.type(), self.key()));
    }

    /** A queue message's handler threw once more; returns how many times it has failed. */
    int failed(String messageId) {
        return failures.merge(messageId, 1, Integer::sum);
    }

    /** A queue message's handler completed: its failures are forgotten. */
    void succeeded(String messageId) {
        failures.remove(messageId);
    }

    /** A completed turn processed {@code seq} from {@code senderId}. */
    void received(String senderId, long seq) {
        received.put(senderId, seq);
    }
}
