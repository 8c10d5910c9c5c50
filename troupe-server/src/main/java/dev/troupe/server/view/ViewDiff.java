package dev.troupe.server.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import java.util.EnumSet;
import java.util.Map;

/*
 * The RFC 6902 diff of two views, the patch zjsonpatch makes (with OMIT_VALUE_ON_REMOVE,
 * OMIT_MOVE_OPERATION and OMIT_COPY_OPERATION), made faster where views spend their time.
 *
 * zjsonpatch compares each pair of nodes for deep equality before descending into it, so a change
 * at depth d costs d deep comparisons of the views, and it builds every operation's path as a list
 * before writing it. Views are mostly objects: this class walks objects itself, in zjsonpatch's order
 * (the source's members, removed or compared; then the target's new members, added), writing each
 * path once as a JSON Pointer, and compares leaves with JsonNode.equals as zjsonpatch does. Two arrays
 * that differ are handed to zjsonpatch (its longest common subsequence), and the paths of its
 * operations are prefixed with the arrays' pointer. The patch is therefore operation for operation
 * the one zjsonpatch makes of the same views.
 */

/** The JSON Patch between two views. Stateless and thread-safe. */
final class ViewDiff {
    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE,
            DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    private ViewDiff() {
    }

    /** The operations (add, remove, replace) that turn {@code source} into {@code target}; empty if equal. */
    static ArrayNode diff(JsonNode source, JsonNode target) {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        compare(patch, "", source, target);
        return patch;
    }

    private static void compare(ArrayNode patch, String path, JsonNode source, JsonNode target) {
        if (source.isObject() && target.isObject()) {
            compareObjects(patch, path, source, target);
        } else if (source.isArray() && target.isArray()) {
            if (!source.equals(target)) {
                for (JsonNode operation : JsonDiff.asJson(source, target, FLAGS)) {
                    ObjectNode prefixed = (ObjectNode) operation;
                    prefixed.put("path", path + prefixed.get("path").asText());
                    patch.add(prefixed);
                }
            }
        } else if (!source.equals(target)) {
            patch.addObject().put("op", "replace").put("path", path).set("value", target);
        }
    }

    private static void compareObjects(ArrayNode patch, String path, JsonNode source, JsonNode target) {
        for (Map.Entry<String, JsonNode> member : source.properties()) {
            JsonNode next = target.get(member.getKey());
            String memberPath = path + "/" + escape(member.getKey());
            if (next == null) {
                patch.addObject().put("op", "remove").put("path", memberPath);
            } else {
                compare(patch, memberPath, member.getValue(), next);
            }
        }
        for (Map.Entry<String, JsonNode> member : target.properties()) {
            if (!source.has(member.getKey())) {
                patch.addObject().put("op", "add").put("path", path + "/" + escape(member.getKey()))
                        .set("value", member.getValue());
            }
        }
    }

    /** A member name as a JSON Pointer reference token (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    private static String escape(String name) {
        return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
    }
}
