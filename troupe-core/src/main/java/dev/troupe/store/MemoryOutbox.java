package dev.troupe.store;

import dev.troupe.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outbox, the pairs' positions and the dead letters of a {@link MemoryStore}; not thread-safe, the
 * store's lock guards it.
 */
final class MemoryOutbox {
    /** A sender and a receiver address. */
    private record Pair(String senderId, String receiverType, Key receiverKey) {
        static Pair of(OutboxMessage message) {
            return new Pair(message.senderId(), message.receiverType(), message.receiverKey());
        }
    }

    /** A message's place in the outbox order: by pair, then seq. */
    private record Position(Pair pair, long seq) {
    }

    private static final Comparator<Pair> PAIR_ORDER = Comparator.comparing(Pair::senderId)
            .thenComparing(Pair::receiverType).thenComparing(pair -> pair.receiverKey().toJson());
    private static final Comparator<Position> ORDER =
            Comparator.comparing(Position::pair, PAIR_ORDER).thenComparingLong(Position::seq);

    private final TreeMap<Position, OutboxMessage> pending = new TreeMap<>(ORDER);
    private final Map<String, Position> positionsById = new HashMap<>();
    private final Map<Pair, Long> received = new HashMap<>();
    private final List<DeadLetter> dead = new ArrayList<>();

    /** Messages a write carries must be its actor's own. */
    static void requireSentBy(String actorId, List<OutboxMessage> messages) {
        for (OutboxMessage message : messages) {
            if (!message.senderId().equals(actorId)) {
                throw new IllegalArgumentException("message " + message.id() + " is from " + message.senderId()
                        + " but was written by actor " + actorId);
            }
        }
    }

    void add(OutboxMessage message) {
        Position position = new Position(Pair.of(message), message.seq());
        pending.put(position, message);
        positionsById.put(message.id(), position);
    }

    List<OutboxMessage> pending(Instant sentBefore, int limit) {
        List<OutboxMessage> found = new ArrayList<>();
        for (OutboxMessage message : pending.values()) {
            if (found.size() >= limit) {
                break;
            }
            if (!message.sentAt().isAfter(sentBefore)) {
                found.add(message);
            }
        }
        return found;
    }

    long lastSent(String senderId, String receiverType, Key receiverKey) {
        Pair pair = new Pair(senderId, receiverType, receiverKey);
        var newest = pending.floorKey(new Position(pair, Long.MAX_VALUE));
        if (newest != null && newest.pair().equals(pair)) {
            return newest.seq();
        }
        return lastReceived(senderId, receiverType, receiverKey);
    }

    long lastReceived(String senderId, String receiverType, Key receiverKey) {
        return received.getOrDefault(new Pair(senderId, receiverType, receiverKey), 0L);
    }

    /** Applies a receipt of the actor at {@code type}/{@code key}. */
    void received(String type, Key key, MessageReceipt receipt, Instant at) {
        received.merge(new Pair(receipt.senderId(), type, key), receipt.seq(), Math::max);
        Position position = positionsById.remove(receipt.messageId());
        OutboxMessage message = position == null ? null : pending.remove(position);
        if (message != null && receipt.error() != null) {
            dead.add(new DeadLetter(message, receipt.error(), at));
        }
    }

    boolean deadLetter(OutboxMessage message, String error, Instant at) {
        Pair pair = Pair.of(message);
        long last = received.getOrDefault(pair, 0L);
        if (message.seq() <= last) {
            remove(message.id());
            return false;
        }
        if (message.seq() != last + 1) {
            return false;
        }
        received.put(pair, message.seq());
        remove(message.id());
        dead.add(new DeadLetter(message, error, at));
        return true;
    }

    List<DeadLetter> deadLetters(int limit) {
        return dead.stream().limit(Math.max(0, limit)).toList();
    }

    private void remove(String messageId) {
        Position position = positionsById.remove(messageId);
        if (position != null) {
            pending.remove(position);
        }
    }
}
