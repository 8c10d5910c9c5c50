package dev.troupe.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import dev.troupe.store.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Checks an actor's hash chain entry by entry, in seq order, as {@link History#verify()} does, and
 * stops at the first bad position: for the runtime over the store, and for a client over the entries
 * a server sent (pages or a subscription). The encoding is in {@code docs/history.md} ("Encoding").
 *
 * <ul>
 *   <li>the first entry is the start of the chain (seq 1, no previous hash) or a checkpoint: with older
 *       entries dropped by retention, checking anchors on a checkpoint and trusts its previous hash;</li>
 *   <li>every later entry has the next seq (a gap means entries were deleted: the first missing seq is
 *       bad; a lower seq means they were reordered) and links to its predecessor's hash;</li>
 *   <li>every entry's hash is recomputed from its fields ({@link #entryHash}), so a changed byte, a
 *       moved entry (its seq is hashed) or an entry copied from another actor (its id is hashed)
 *       fails;</li>
 *   <li>every checkpoint's state hashes to the entry's state hash ({@link #stateHash});</li>
 *   <li>at the end, if the caller holds the actor's state, the newest entry's state hash is its hash.</li>
 * </ul>
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class ChainCheck {
    /** The version of the encoding, the {@code v} member of every hashed entry. */
    public static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();
    /** Cloned for each hash: much cheaper than looking the algorithm up among the providers every time. */
    private static final MessageDigest SHA_256 = lookUpSha256();
    /** Room for the template's own characters, the two hashes, the time and the seq of a hashed entry. */
    private static final int TEMPLATE_LENGTH = 320;
    /** The characters {@link #string} quotes as they are: those of ids and hex hashes. */
    private static final boolean[] PLAIN = plainCharacters();

    private final String actorId;
    private long entries;
    private long firstSeq;
    private long lastSeq;
    private @Nullable String lastHash;
    private @Nullable String lastStateHash;
    private @Nullable Long badSeq;
    private @Nullable String problem;
    /** Set by {@link #from}: the first entry continues a known position rather than starting the chain. */
    private boolean anchored;

    /** A check of the chain of the actor with id {@code actorId} (the id every entry hash covers). */
    public ChainCheck(String actorId) {
        this.actorId = actorId;
    }

    /**
     * A check that continues a chain from position {@code seq}: the first entry must have that seq and,
     * if {@code prevHash} is given (the hash of the entry before, checked earlier), link to it; without
     * it, the first entry's previous hash is trusted. For a client that resumes after entries it has.
     */
    public static ChainCheck from(String actorId, long seq, @Nullable String prevHash) {
        if (seq < 1) {
            throw new IllegalArgumentException("a chain position is at least 1: " + seq);
        }
        ChainCheck check = new ChainCheck(actorId);
        check.firstSeq = seq;
        check.lastSeq = seq - 1;
        check.lastHash = prevHash;
        check.anchored = true;
        return check;
    }

    /** Checks the next entry; returns false once the chain is broken (then stop feeding it). */
    public boolean accept(HistoryEntry entry) {
        if (badSeq != null) {
            return false;
        }
        if (entries == 0 && !anchored) {
            firstSeq = entry.seq();
            if (entry.prevHash() == null ? entry.seq() != 1 : entry.checkpoint() == null) {
                return bad(entry.seq(), entry.prevHash() == null
                        ? "entry " + entry.seq() + " has no previous hash but is not the first entry"
                        : "the oldest retained entry " + entry.seq() + " is not a checkpoint");
            }
        } else {
            long expected = lastSeq + 1;
            if (entry.seq() != expected) {
                return bad(expected, entry.seq() > expected ? "entry " + expected + " is missing"
                        : "entry " + entry.seq() + " is out of order after " + lastSeq);
            }
            if (lastHash != null && !lastHash.equals(entry.prevHash())) {
                return bad(entry.seq(), "entry " + entry.seq() + " does not link to entry " + lastSeq);
            }
        }
        if (!entryHash(actorId, entry).equals(entry.hash())) {
            return bad(entry.seq(), "entry " + entry.seq() + " does not match its hash");
        }
        HistoryEntry.Checkpoint checkpoint = entry.checkpoint();
        if (checkpoint != null && !stateHash(checkpoint.state()).equals(entry.stateHash())) {
            return bad(entry.seq(), "the checkpoint of entry " + entry.seq() + " does not match its state hash");
        }
        entries++;
        lastSeq = entry.seq();
        lastHash = entry.hash();
        lastStateHash = entry.stateHash();
        return true;
    }

    /** The verdict on the entries accepted so far. */
    public Verification verdict() {
        return new Verification(entries, firstSeq, lastSeq, badSeq, problem);
    }

    /**
     * The verdict, after checking the newest entry's state hash against {@code state}, the actor's state
     * as JSON text (skipped if null: the caller does not hold it, or the actor no longer exists).
     */
    public Verification verdict(@Nullable String state) {
        if (badSeq == null && lastStateHash != null && state != null && !stateHash(state).equals(lastStateHash)) {
            bad(lastSeq, "the stored state does not match the state hash of the newest entry " + lastSeq);
        }
        return verdict();
    }

    private boolean bad(long seq, String why) {
        badSeq = seq;
        problem = why;
        return false;
    }

    /**
     * The hash {@code entry} of {@code actorId}'s chain must have, computed from its other fields as
     * they are (its own {@code hash} is ignored): the lower-case hex SHA-256 of
     * <code>{"actor":A,"at":T,"caller":C,"effects":E,"message":M,"outcome":O,"prev":P,"seq":S,"state":H,"v":1}</code>
     * with the stored texts inserted verbatim.
     */
    public static String entryHash(String actorId, HistoryEntry entry) {
        StringBuilder text = new StringBuilder(TEMPLATE_LENGTH + actorId.length() + entry.caller().length()
                + entry.message().length() + entry.outcome().length() + entry.effects().length());
        text.append("{\"actor\":");
        string(actorId, text);
        text.append(",\"at\":").append(HistoryJson.epochMicros(entry.at()))
                .append(",\"caller\":").append(entry.caller())
                .append(",\"effects\":").append(entry.effects())
                .append(",\"message\":").append(entry.message())
                .append(",\"outcome\":").append(entry.outcome())
                .append(",\"prev\":");
        if (entry.prevHash() == null) {
            text.append("null");
        } else {
            string(entry.prevHash(), text);
        }
        text.append(",\"seq\":").append(entry.seq()).append(",\"state\":");
        string(entry.stateHash(), text);
        text.append(",\"v\":").append(VERSION).append('}');
        return sha256(text.toString());
    }

    /**
     * The state hash of a state kept as {@code json}: the lower-case hex SHA-256 of its canonical JSON
     * (RFC 8785). A text that is already canonical, as the compact JSON of most states is, is hashed as
     * it is, without parsing it and writing it again.
     *
     * @throws IllegalArgumentException if {@code json} is not JSON
     */
    public static String stateHash(String json) {
        if (CanonicalText.isCanonical(json)) {
            return sha256(json);
        }
        try {
            return sha256(CanonicalJson.text(CanonicalJson.tree(Json.mapper().readTree(json))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("state is not JSON", e);
        }
    }

    /**
     * Appends {@code value} as a canonical JSON string: ids and hex hashes need no escaping and are
     * quoted as they are; anything else (a tampered field, say) goes through {@link CanonicalJson}.
     */
    private static void string(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= PLAIN.length || !PLAIN[c]) {
                out.append(CanonicalJson.text(TextNode.valueOf(value)));
                return;
            }
        }
        out.append('"').append(value).append('"');
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = (MessageDigest) SHA_256.clone();
            return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean[] plainCharacters() {
        boolean[] plain = new boolean[128];
        for (char c = '0'; c <= '9'; c++) {
            plain[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            plain[c] = true;
            plain[Character.toUpperCase(c)] = true;
        }
        plain['-'] = true;
        plain['_'] = true;
        return plain;
    }
}
