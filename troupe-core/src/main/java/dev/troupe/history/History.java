package dev.troupe.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.store.HistoryEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The turn history of one actor, for a type registered with {@link dev.troupe.TypeOptions#history()}:
 * a SHA-256 hash chain with one entry per committed turn, written in the same store transaction as the
 * state it describes (see {@code docs/history.md}).
 *
 * {@snippet :
 * History history = troupe.history(Counter.class, Key.of("visits"));
 * Verification verification = history.verify();
 * JsonNode before = history.stateAt(verification.lastSeq() - 1);
 * }
 *
 * <p>Every method reads the store as it is when called (entries of turns not yet durable are not
 * there) and is thread-safe. Reading changes nothing; the actor keeps running meanwhile.
 */
public interface History {

    /** The actor's id, part of every entry's hash. */
    String actorId();

    /**
     * The retained entries with {@code seq >= fromSeq}, in order, at most {@code limit}.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<HistoryEntry> entries(long fromSeq, int limit);

    /**
     * Follows the chain: a tail that returns the retained entries with {@code seq >= fromSeq}, then each
     * new entry once durable, in order, without gaps or duplicates. With {@code fromSeq} 0 it starts at
     * the oldest retained entry (the first, or a checkpoint); with a position it starts exactly there.
     *
     * @throws IllegalArgumentException if {@code fromSeq} is negative
     */
    HistoryTail tail(long fromSeq);

    /**
     * Writes the retained chain as JSON Lines ({@code docs/history.md}, "Export"): a header line
     * {@code {"actorId","format":"troupe-history","key","type","v":1}}, then one line per entry in the form
     * of {@link HistoryJson#entry}, oldest first, each ending in {@code \n}. Reads the store page by page
     * and writes as it goes, so the chain is never held whole; entries that become durable meanwhile are
     * included up to the last page read. Neither flushes nor closes {@code out}.
     *
     * @throws IOException                if writing fails
     * @throws dev.troupe.TroupeException {@code history/not_retained} if retention dropped entries not yet
     *                                    written (then the output ends early, without them)
     */
    void export(Writer out) throws IOException;

    /**
     * Walks the retained chain from its oldest entry (the first entry, or a checkpoint if older ones
     * were dropped), recomputing every hash and link, checking every checkpoint's state against its
     * state hash, and the newest entry's state hash against the stored state. Reports the first bad
     * position, if any.
     */
    Verification verify();

    /**
     * Re-executes the actor's turns from the oldest retained checkpoint with the recorded effects and
     * checks that every resulting state and outcome match the chain: a determinism check of the
     * actor's code. Nothing is written and no other actor is called: a call a turn made to another
     * actor is a recorded effect, and replay takes its answer from the entry.
     */
    ReplayReport replay();

    /**
     * The state the actor had right after entry {@code seq}, as canonical-ready JSON: the nearest
     * checkpoint at or before {@code seq}, then its turns replayed up to {@code seq}; the result is
     * checked against the entry's state hash.
     *
     * @throws dev.troupe.TroupeException {@code history/not_retained} if {@code seq} is not a retained
     *                                    position; {@code history/diverged} if replay does not reach
     *                                    the recorded state
     */
    JsonNode stateAt(long seq);
}
