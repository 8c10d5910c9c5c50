package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.TroupeException;
import dev.troupe.history.HistoryJson;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import dev.troupe.store.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * The canonical encoding of history entries (docs/history.md, "Encoding", is the normative text; keep
 * the two in step).
 *
 * An entry's fields caller, message, outcome and effects are each the RFC 8785 canonical JSON of a
 * value, stored as that text. The entry's hash is the lower-case hex SHA-256 of the UTF-8 bytes of
 *
 *   {"actor":A,"at":T,"caller":C,"effects":E,"message":M,"outcome":O,"prev":P,"seq":S,"state":H,"v":1}
 *
 * with A the actor id as a JSON string, T the time in microseconds since the epoch, C/E/M/O the stored
 * texts inserted verbatim, P the previous hash as a JSON string (or null), S the sequence number and H
 * the state hash as a JSON string. The members are already in RFC 8785 order, so when the inserted
 * texts are canonical the whole is the canonical JSON of the entry object; a verifier may either
 * assemble the text or canonicalise the object, with the same bytes. Hashing the stored texts as they
 * are (not re-canonicalised) means any change to any byte of them changes the hash.
 *
 * The state hash is the SHA-256 of the canonical JSON of the state as the store keeps it (its JSON
 * text parsed and canonicalised), so it can be checked against the stored state and a checkpoint.
 */
final class EntryCodec {
    /** The version of the encoding, the {@code v} member of every hashed entry. */
    static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Cloned for each hash: much cheaper than looking the algorithm up among the providers every time. */
    private static final MessageDigest SHA_256 = lookUpSha256();
    /** Room for the template's own characters, the two hashes, the time and the seq of a hashed entry. */
    private static final int TEMPLATE_LENGTH = 320;
    /** The characters {@link #string} quotes as they are: those of ids and hex hashes. */
    private static final boolean[] PLAIN = plainCharacters();

    private EntryCodec() {
    }

    /** {@code instant} truncated to the microsecond, as every store keeps it. */
    static Instant micros(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() / 1_000 * 1_000L);
    }

    /** The canonical JSON of a JSON-serialisable value. */
    static String canonical(@Nullable Object value) {
        return CanonicalJson.text(CanonicalJson.tree(value));
    }

    /** The hash of a state kept as {@code json}: SHA-256 of its canonical JSON. */
    static String stateHash(String json) {
        try {
            return sha256(CanonicalJson.text(CanonicalJson.tree(Json.mapper().readTree(json))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("state is not JSON", e);
        }
    }

    static String caller(Caller caller) {
        ObjectNode node = NODES.objectNode();
        node.put("id", caller.id());
        node.put("type", caller.type().wireName());
        return canonical(node);
    }

    /**
     * What a turn handled: {@code {"kind":"action"|"schedule"|"message"|"timer","name","args"}} (a
     * schedule also with its {@code "schedule"} id, a one-way message with its {@code "message"} id), {@code {"kind":"connect","params"}}, {@code {"kind":"disconnect"}},
     * {@code {"kind":"hook","name"}} or {@code {"kind":"create","input"}}.
     */
    static String message(TurnRecord record) {
        ObjectNode node = NODES.objectNode();
        Message message = record.kind() == TurnKind.CREATE || record.kind() == TurnKind.HOOK ? null : record.message();
        switch (message) {
            case Message.Call call -> node.put("kind", "action").put("name", record.operation())
                    .set("args", CanonicalJson.tree(call.args()));
            case Message.ScheduledRun run -> node.put("kind", "schedule").put("name", record.operation())
                    .put("schedule", run.due().schedule().id()).set("args", tree(run.due().schedule().args()));
            case Message.Deliver deliver -> node.put("kind", "message").put("name", record.operation())
                    .put("message", deliver.message().id()).set("args", tree(deliver.message().args()));
            case Message.TimerFire fire -> node.put("kind", "timer").put("name", record.operation())
                    .set("args", CanonicalJson.tree(fire.args()));
            case Message.Connect connect -> node.put("kind", "connect").set("params", CanonicalJson.tree(connect.params()));
            case Message.Disconnect disconnect -> node.put("kind", "disconnect");
            case null, default -> {
                if (record.kind() == TurnKind.CREATE) {
                    Message cause = record.message();
                    node.put("kind", "create").set("input", CanonicalJson.tree(cause == null ? null : cause.input().raw()));
                } else {
                    node.put("kind", "hook").put("name", record.operation());
                }
            }
        }
        return canonical(node);
    }

    /** The outcome of a turn: {@code {"result":…}} or {@code {"error":{"group","code","message"}}}. */
    static String outcome(@Nullable Object result, @Nullable TroupeException error) {
        ObjectNode node = NODES.objectNode();
        if (error == null) {
            node.set("result", CanonicalJson.tree(result));
        } else {
            ActorError e = error.error();
            ObjectNode detail = node.putObject("error");
            detail.put("group", e.group());
            detail.put("code", e.code());
            detail.put("message", e.message());
        }
        return canonical(node);
    }

    static String effects(List<RecordedEffect> effects) {
        var array = NODES.arrayNode(effects.size());
        for (RecordedEffect effect : effects) {
            array.addObject().put("name", effect.name()).set("value", effect.value());
        }
        return canonical(array);
    }

    /** The hash of {@code entry} of {@code actorId}'s chain, over the stored fields as they are. */
    static String hash(String actorId, HistoryEntry entry) {
        return hash(actorId, entry.seq(), entry.at(), entry.caller(), entry.message(), entry.outcome(),
                entry.effects(), entry.stateHash(), entry.prevHash());
    }

    static String hash(String actorId, long seq, Instant at, String caller, String message, String outcome,
                       String effects, String stateHash, @Nullable String prevHash) {
        StringBuilder text = new StringBuilder(TEMPLATE_LENGTH + actorId.length() + caller.length()
                + message.length() + outcome.length() + effects.length());
        text.append("{\"actor\":");
        string(actorId, text);
        text.append(",\"at\":").append(HistoryJson.epochMicros(at))
                .append(",\"caller\":").append(caller)
                .append(",\"effects\":").append(effects)
                .append(",\"message\":").append(message)
                .append(",\"outcome\":").append(outcome)
                .append(",\"prev\":");
        if (prevHash == null) {
            text.append("null");
        } else {
            string(prevHash, text);
        }
        text.append(",\"seq\":").append(seq).append(",\"state\":");
        string(stateHash, text);
        text.append(",\"v\":").append(VERSION).append('}');
        return sha256(text.toString());
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
        return HEX.formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest digest() {
        try {
            return (MessageDigest) SHA_256.clone();
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

    /** A JSON value of an entry field, parsed. */
    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("history field is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
