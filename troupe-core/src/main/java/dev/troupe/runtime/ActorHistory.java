package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.history.ChainCheck;
import dev.troupe.history.History;
import dev.troupe.history.HistoryJson;
import dev.troupe.history.HistoryTail;
import dev.troupe.history.ReplayReport;
import dev.troupe.history.Verification;
import dev.troupe.json.Json;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.Store;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link History} of one actor, read from the store: pages of entries, tails woken by the
 * {@link HistoryFeed}, the JSON Lines export, {@link ChainCheck} over the retained chain,
 * {@link Replayer} from a checkpoint. Stateless apart from its identity, so
 * thread-safe; each call reads the store afresh.
 */
final class ActorHistory implements History {
    /** Entries read from the store per query while walking the chain. */
    static final int PAGE = 1_000;
    /** The {@code format} of an export's header line. */
    static final String EXPORT_FORMAT = "troupe-history";

    private final Store store;
    private final ActorType type;
    private final HistoryFeed feed;
    private final String actorId;
    private final Key key;

    ActorHistory(Store store, HistoryFeed feed, ActorType type, String actorId, Key key) {
        this.store = store;
        this.feed = feed;
        this.type = type;
        this.actorId = actorId;
        this.key = key;
    }

    @Override
    public String actorId() {
        return actorId;
    }

    @Override
    public List<HistoryEntry> entries(long fromSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return store.history(actorId, fromSeq, limit);
    }

    @Override
    public HistoryTail tail(long fromSeq) {
        return new ActorHistoryTail(store, feed, actorId, fromSeq);
    }

    @Override
    public void export(Writer out) throws IOException {
        ObjectNode header = Json.mapper().createObjectNode();
        header.put("actorId", actorId);
        header.put("format", EXPORT_FORMAT);
        header.set("key", Json.mapper().readTree(key.toJson()));
        header.put("type", type.name());
        header.put("v", 1);
        line(out, header);
        ActorHistoryTail tail = new ActorHistoryTail(store, feed, actorId, 0);
        for (List<HistoryEntry> page = tail.read(PAGE); !page.isEmpty(); page = tail.read(PAGE)) {
            for (HistoryEntry entry : page) {
                line(out, HistoryJson.entry(entry));
            }
        }
    }

    private static void line(Writer out, ObjectNode node) throws IOException {
        out.write(node.toString());
        out.write('\n');
    }

    @Override
    public Verification verify() {
        ChainCheck verifier = new ChainCheck(actorId);
        long from = 0;
        for (List<HistoryEntry> page = store.history(actorId, from, PAGE); !page.isEmpty();
             page = store.history(actorId, from, PAGE)) {
            for (HistoryEntry entry : page) {
                if (!verifier.accept(entry)) {
                    return verifier.verdict();
                }
            }
            from = page.getLast().seq() + 1;
        }
        return verifier.verdict(store.findById(actorId).map(ActorRecord::state).orElse(null));
    }

    @Override
    public ReplayReport replay() {
        List<HistoryEntry> first = store.history(actorId, 0, 1);
        if (first.isEmpty()) {
            return new ReplayReport(0, 0, null, null);
        }
        HistoryEntry start = first.getFirst();
        long replayed = 0;
        try {
            Replayer replayer = new Replayer(type, actorId, key, start, () -> ActivationLifecycle.spawnInput(store, actorId));
            long from = start.seq() + 1;
            for (List<HistoryEntry> page = store.history(actorId, from, PAGE); !page.isEmpty();
                 page = store.history(actorId, from, PAGE)) {
                for (HistoryEntry entry : page) {
                    replayer.apply(entry);
                    replayed++;
                }
                from = page.getLast().seq() + 1;
            }
        } catch (Replayer.Divergence divergence) {
            return new ReplayReport(start.seq(), replayed, divergence.seq(), divergence.getMessage());
        }
        return new ReplayReport(start.seq(), replayed, null, null);
    }

    @Override
    public JsonNode stateAt(long seq) {
        HistoryEntry checkpoint = store.checkpointAtOrBefore(actorId, seq).orElseThrow(() -> notRetained(seq));
        if (checkpoint.seq() == seq) {
            return EntryCodec.tree(checkpoint.checkpoint().state());
        }
        List<HistoryEntry> entries = store.history(actorId, checkpoint.seq() + 1, (int) (seq - checkpoint.seq()));
        if (entries.isEmpty() || entries.getLast().seq() != seq) {
            throw notRetained(seq);
        }
        try {
            Replayer replayer = new Replayer(type, actorId, key, checkpoint, () -> ActivationLifecycle.spawnInput(store, actorId));
            entries.forEach(replayer::apply);
            return Json.mapper().readTree(type.encodeState(replayer.state()));
        } catch (Replayer.Divergence divergence) {
            throw new TroupeException(ErrorCode.HISTORY_DIVERGED, "the state at " + seq + " of actor " + actorId
                    + " cannot be reconstructed: replay diverged at entry " + divergence.seq() + ": "
                    + divergence.getMessage(), Map.of("seq", divergence.seq()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a replayed state is not serialisable", e);
        }
    }

    private TroupeException notRetained(long seq) {
        Optional<HistoryEntry> last = store.lastHistoryEntry(actorId);
        return new TroupeException(ErrorCode.HISTORY_NOT_RETAINED, "actor " + actorId + " has no retained entry "
                + seq + (last.isEmpty() ? "" : " (the newest is " + last.get().seq() + ")"), Map.of("seq", seq));
    }
}
