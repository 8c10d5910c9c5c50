package dev.troupe.store;

import dev.troupe.Key;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where actors live between activations: the storage SPI that {@link MemoryStore}, the SQLite store
 * and the PostgreSQL store implement, and that one conformance suite checks.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Implementations are thread-safe, {@link #commit} included (the runtime's group committer calls
 *       it from one thread, but tools and tests may not).</li>
 *   <li>Every method is atomic: it takes effect entirely or, if it throws {@link StoreException}, not
 *       at all. A method that returns has made its effect durable to the store's own standard (the
 *       SQLite store: the WAL synced with {@code synchronous=FULL}).</li>
 *   <li><b>Fencing.</b> Each actor has an epoch. {@link #activate} increments it and returns the new
 *       value; {@link #commit} and {@link #destroy} apply only if the epoch they carry equals the
 *       current one. So once a newer activation exists, an older one can never write again.</li>
 *   <li>An actor is identified by {@code (type, key)} and, equivalently, by its id. Destroying an
 *       actor removes its state and schedules; the same key can then be created again with a new
 *       id.</li>
 *   <li>State and schedule arguments are opaque text and come back byte for byte (no JSON
 *       normalisation). Instants keep at least microsecond precision; finer digits may be truncated.
 *       Ids are ASCII and ordered as Java strings.</li>
 *   <li>A schedule passed to {@link #create} or {@link #commit} must belong to the actor being
 *       written; otherwise the call throws {@link IllegalArgumentException} and changes nothing.</li>
 *   <li>A {@code limit} of zero or less yields an empty list.</li>
 *   <li><b>History.</b> The {@link HistoryEntry entries} of a create or a write are appended in the
 *       same transaction as its state, or not at all; a store keeps their fields byte for byte (an
 *       instant to the microsecond) and checks nothing but the uniqueness of {@code (actor, seq)}.
 *       Destroying an actor deletes its history.</li>
 *   <li><b>Storage.</b> The {@link StorageChange storage changes} of a write apply in the same
 *       transaction as its state, fenced with it, in order; values come back byte for byte.
 *       Destroying an actor deletes its storage.</li>
 *   <li><b>Messages.</b> The {@link OutboxMessage messages} of a write are added to the outbox in the
 *       same transaction as its state, and its {@link MessageReceipt receipts} are applied there too:
 *       each records the receipt's {@code seq} as the last processed of its pair (never lowering it)
 *       and removes the message from the outbox, keeping it as a {@link DeadLetter} if the receipt
 *       names an error. A message must come from the actor being written (or, for {@link #enqueue},
 *       from no stored actor at all); otherwise the call throws {@link IllegalArgumentException} and
 *       changes nothing. Destroying an actor leaves the messages it sent, and the pairs' positions:
 *       they are keyed by the receiver's address, which a new actor may take.</li>
 *   <li>For a store across a network, a commit whose connection drops mid-way may be in doubt: it
 *       throws, yet may have applied. Fencing keeps that safe: the runtime fails the turn's callers
 *       and reloads the actor, which then sees whichever outcome the store holds.</li>
 * </ul>
 */
public interface Store extends AutoCloseable {

    /** The actor under {@code type} and {@code key}, without claiming it; empty if absent. */
    Optional<ActorRecord> find(String type, Key key);

    /** The actor with this id, without claiming it; empty if absent. */
    Optional<ActorRecord> findById(String id);

    /**
     * Claims the actor for a new activation: increments its epoch and returns the record carrying the
     * new epoch. Empty if the actor does not exist.
     */
    Optional<ActorRecord> activate(String type, Key key);

    /** Inserts a new actor with its initial schedules and no history; see the three-argument form. */
    default boolean create(ActorRecord record, List<ScheduleRecord> schedules) {
        return create(record, schedules, List.of());
    }

    /**
     * Inserts a new actor with its initial schedules and the first entries of its history,
     * atomically. The record's epoch becomes the actor's current epoch; its parent id, if any, is the
     * durable link to the actor that spawned it (the store does not check that the parent exists).
     *
     * @return true if created; false, with nothing changed, if an actor with that type and key, or
     *         with that id, exists
     */
    boolean create(ActorRecord record, List<ScheduleRecord> schedules, List<HistoryEntry> history);

    /**
     * Applies a batch of writes in one transaction. A write whose epoch is stale, or whose actor no
     * longer exists, is skipped entirely (state, schedule changes, history, prune, messages and
     * receipts) and reported in the result; every other write is durable when this returns. Writes to
     * the same actor apply in list order: state, then schedule changes, then history entries, then the
     * prune, then sent messages, then receipts.
     *
     * @throws StoreException if the batch could not be committed; then none of it was applied
     */
    CommitResult commit(List<ActorWrite> writes);

    /**
     * The actor's key–value storage ({@link ActorWrite#storage}), every key with its value, in key
     * order; empty for an actor that stored nothing or does not exist.
     */
    NavigableMap<String, byte[]> storage(String actorId);

    /**
     * Deletes the actor, its schedules, its storage and its history, if {@code epoch} is its current epoch.
     *
     * @return true if deleted; false, with nothing changed, if absent or fenced
     */
    boolean destroy(String actorId, long epoch);

    /**
     * Schedules due at or before {@code until}, in {@code (dueAt, id)} order, at most {@code limit}.
     * Reading does not remove them: a schedule is removed by the commit of the turn that ran it.
     */
    List<DueSchedule> dueSchedules(Instant until, int limit);

    /** The earliest due time of any schedule, or empty if there are none. */
    Optional<Instant> nextDueAt();

    /**
     * Actors of a type in id order, starting after {@code afterId} (exclusive; null for the start), at
     * most {@code limit}. Suited to paging through all actors of a type.
     */
    default List<ActorRecord> scan(String type, @Nullable String afterId, int limit) {
        return scan(type, Key.empty(), afterId, limit);
    }

    /**
     * Actors of a type whose key begins with the parts of {@code keyPrefix} ({@link Key#startsWith},
     * part by part; the empty key matches every actor), in id order, starting after {@code afterId}
     * (exclusive; null for the start), at most {@code limit}. Suited to paging: a page starts after
     * the last id of the one before. A store keeping keys as their {@link Key#toJson() canonical text}
     * can match a prefix with one range of that text ({@link KeyRange}).
     */
    List<ActorRecord> scan(String type, Key keyPrefix, @Nullable String afterId, int limit);

    /**
     * The actor's history entries with {@code seq >= fromSeq}, in {@code seq} order, at most
     * {@code limit}; empty for an absent actor.
     */
    List<HistoryEntry> history(String actorId, long fromSeq, int limit);

    /** The actor's entry with the greatest {@code seq}, or empty if it has none. */
    Optional<HistoryEntry> lastHistoryEntry(String actorId);

    /** The actor's checkpoint entry with the greatest {@code seq <= seq}, or empty if none. */
    Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq);

    /**
     * The children of an actor: the actors whose {@link ActorRecord#parentId()} is {@code parentId}, in
     * id order, at most {@code limit}; empty for an actor without children or an absent one. The link
     * is written by {@link #create} with the child and removed with it by {@link #destroy}.
     */
    List<ActorRecord> children(String parentId, int limit);

    /**
     * Adds messages of an in-process sender (not a stored actor) to the outbox, atomically.
     *
     * @throws IllegalArgumentException if a message's sender is a stored actor
     */
    void enqueue(List<OutboxMessage> messages);

    /**
     * Messages in the outbox sent at or before {@code sentBefore}, ordered by pair (sender id, receiver
     * type, receiver key) and within a pair by {@code seq}, at most {@code limit}.
     */
    List<OutboxMessage> pendingMessages(Instant sentBefore, int limit);

    /**
     * The greatest {@code seq} the sender has used for the pair: of its messages still in the outbox,
     * else the last the receiver processed or dead-lettered; 0 if none.
     */
    long lastSentSeq(String senderId, String receiverType, Key receiverKey);

    /** The {@code seq} of the last message of the pair that its receiver processed or dead-lettered; 0 if none. */
    long lastReceivedSeq(String senderId, String receiverType, Key receiverKey);

    /**
     * Turns a message into a dead letter, if it is the next of its pair ({@code seq} is one more than
     * the last processed): removes it from the outbox, keeps it with {@code error} and records its
     * {@code seq} as processed. A message already processed is only removed from the outbox.
     *
     * @return true if it became a dead letter; false if it was already processed, or is not the next
     */
    boolean deadLetter(OutboxMessage message, String error, Instant at);

    /** The dead letters, oldest first, at most {@code limit}. */
    List<DeadLetter> deadLetters(int limit);

    /** Releases the store's resources. Idempotent. */
    @Override
    void close();
}
