package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.ChildFailure;
import dev.troupe.ChildInfo;
import dev.troupe.Key;
import dev.troupe.SupervisorStrategy;
import dev.troupe.json.Json;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What children report to their parents, in JSON. A child that finished sends a durable one-way message
 * to its parent, written in the commit of its finishing turn, whose arguments are {@code [child, result]}
 * (the child as {@code {"name","type","key","id","createdAt"}}, the result as JSON); the parent's turn
 * that processes it runs {@code onChildFinished}, and the outbox makes that happen once, after a crash
 * too. A failure travels in memory, but the parent's {@code onChildFailed} turn records it in its
 * history entry as {@code {"child","error","turn","directive","restarts"}}, so that replay can repeat it.
 */
final class ChildReports {
    /** The finish report's action name; no Java method can have it, so no caller can send it. */
    static final String FINISHED = "#onChildFinished";
    /** The name of the hook turn that hears of a failure. */
    static final String FAILED = "#onChildFailed";

    private ChildReports() {
    }

    /**
     * The JSON form of a finishing child's result, checked when the child calls {@code finish}, so that a
     * result that cannot be reported fails that turn.
     *
     * @throws IllegalArgumentException if the result has no JSON form
     * @throws dev.troupe.TroupeException {@code message/too_large} if it is larger than a message may carry
     */
    static JsonNode result(@Nullable Object result) {
        JsonNode tree;
        try {
            tree = result == null ? NullNode.getInstance() : Json.mapper().valueToTree(result);
            MessageArgs.limited(Json.mapper().writeValueAsString(tree), "the result of a finished child");
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IllegalArgumentException("the result of finish must have a JSON form: " + e.getMessage(), e);
        }
        return tree;
    }

    /** The message arguments reporting that {@code child} finished with {@code result} (from {@link #result(Object)}). */
    static String encodeFinish(ChildInfo child, JsonNode result) {
        ArrayNode args = Json.mapper().createArrayNode();
        writeChild(args.addObject(), child);
        args.add(result);
        return args.toString();
    }

    /** The JSON form of a failure as the parent's {@code onChildFailed} saw it. */
    static ObjectNode failureJson(ChildFailure failure) {
        ObjectNode node = Json.mapper().createObjectNode();
        writeChild(node.putObject("child"), failure.child());
        node.set("error", Json.mapper().valueToTree(failure.error()));
        node.put("turn", failure.turn());
        node.put("directive", failure.directive().name());
        node.put("restarts", failure.restarts());
        return node;
    }

    /** The failure {@link #failureJson} wrote. */
    static ChildFailure failure(JsonNode json) throws JsonProcessingException {
        return new ChildFailure(readChild(json.path("child")),
                Json.mapper().treeToValue(json.path("error"), ActorError.class), json.path("turn").asText(),
                SupervisorStrategy.Directive.valueOf(json.path("directive").asText()), json.path("restarts").asInt());
    }

    private static void writeChild(ObjectNode node, ChildInfo child) {
        node.put("name", child.name());
        node.put("type", child.type());
        ArrayNode key = node.putArray("key");
        child.key().parts().forEach(key::add);
        node.put("id", child.id());
        node.put("createdAt", child.createdAt().toString());
    }

    private static ChildInfo readChild(JsonNode info) {
        String[] key = new String[info.path("key").size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = info.path("key").path(i).asText();
        }
        return new ChildInfo(info.path("name").asText(), info.path("type").asText(), Key.of(key),
                info.path("id").asText(), Instant.parse(info.path("createdAt").asText()));
    }

    /** The child a finish report's arguments name. */
    static ChildInfo finishedChild(JsonNode args) {
        return readChild(args.path(0));
    }

    /** The result a finish report's arguments carry, as plain Java values (maps, lists, strings, numbers, booleans). */
    static @Nullable Object decodedResult(JsonNode args) throws JsonProcessingException {
        return Json.mapper().treeToValue(args.path(1), Object.class);
    }
}
