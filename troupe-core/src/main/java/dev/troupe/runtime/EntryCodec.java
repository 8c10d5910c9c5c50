package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.TroupeException;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * The canonical texts of history entries' fields (docs/history.md, "Encoding", is the normative text;
 * keep the two in step). The hashes over them are computed by dev.troupe.history.ChainCheck, which
 * clients use to check the entries they receive.
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
 * text parsed and canonicalised, or the text itself when it already is canonical), so it can be
 * checked against the stored state and a checkpoint.
 */
final class EntryCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    static String caller(Caller caller) {
        ObjectNode node = NODES.objectNode();
        node.put("id", caller.id());
        node.put("type", caller.type().wireName());
        return canonical(node);
    }

    /**
     * What a turn handled: {@code {"kind":"action"|"schedule"|"message"|"timer","name","args"}} (a
     * schedule also with its {@code "schedule"} id, a one-way message with its {@code "message"} id), {@code {"kind":"connect","params"}}, {@code {"kind":"disconnect"}},
     * {@code {"kind":"hook","name"}} (with the {@code "failure"} it heard of for {@code #onChildFailed}) or
     * {@code {"kind":"create","input"}}.
     */
    static String message(TurnRecord record) {
        ObjectNode node = NODES.objectNode();
        Message message = record.kind() == TurnKind.CREATE || record.kind() == TurnKind.HOOK ? null : record.message();
        switch (message) {
            case Message.Call call -> node.put("kind", "action").put("name", record.operation())
                    .set("args", CanonicalJson.tree(call.args()));
            case Message.ScheduledRun run -> node.put("kind", "schedule").put("name", record.operation())
                    .put("schedule", run.due().schedule().id()).set("args", CronSpec.args(run.due().schedule()));
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
                    if (record.message() instanceof Message.ChildFailed failed && failed.decided() != null) {
                        node.set("failure", CanonicalJson.tree(ChildReports.failureJson(failed.decided())));
                    }
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

    /** A JSON value of an entry field, parsed. */
    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("history field is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
