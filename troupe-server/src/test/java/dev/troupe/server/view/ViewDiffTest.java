package dev.troupe.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import dev.troupe.testing.JsonPatchSuite;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ViewDiff makes, operation for operation, the patch zjsonpatch makes with the flags view sync used
 * (no move, no copy, no old value on remove): on the json-patch-tests documents and on random pairs
 * of views, one derived from the other by random edits.
 */
class ViewDiffTest {
    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE,
            DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static List<JsonPatchSuite.Case> cases() {
        return JsonPatchSuite.cases().stream().filter(c -> c.expected() != null).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachSuiteDocumentAndItsResult_giveZjsonpatchsPatch(JsonPatchSuite.Case c) {
        assertThat(ViewDiff.diff(c.doc(), c.expected())).isEqualTo(JsonDiff.asJson(c.doc(), c.expected(), FLAGS));
    }

    @Test
    void randomViewsAndRandomEditsOfThem_giveZjsonpatchsPatch() {
        Random random = new Random(14);
        IntStream.range(0, 2_000).forEach(round -> {
            JsonNode source = tree(random, 3);
            JsonNode target = edit(random, source.deepCopy(), 3);
            assertThat(ViewDiff.diff(source, target)).as("%s -> %s", source, target)
                    .isEqualTo(JsonDiff.asJson(source, target, FLAGS));
        });
    }

    @Test
    void equalViews_giveAnEmptyPatch_andMemberNamesAreEscapedAsPointers() {
        ObjectNode view = NODES.objectNode().put("a/b", 1).put("c~d", 2);
        assertThat(ViewDiff.diff(view, view.deepCopy())).isEmpty();
        ObjectNode changed = NODES.objectNode().put("a/b", 3).put("c~d", 2).put("", 4);
        assertThat(ViewDiff.diff(view, changed).toString()).isEqualTo(
                "[{\"op\":\"replace\",\"path\":\"/a~1b\",\"value\":3},{\"op\":\"add\",\"path\":\"/\",\"value\":4}]");
    }

    private static JsonNode tree(Random random, int depth) {
        int kind = random.nextInt(depth == 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> NODES.numberNode(random.nextInt(4));
            case 1 -> NODES.textNode("s" + random.nextInt(3));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> {
                ObjectNode object = NODES.objectNode();
                IntStream.range(0, random.nextInt(4)).forEach(i -> object.set(name(random), tree(random, depth - 1)));
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                IntStream.range(0, random.nextInt(4)).forEach(i -> array.add(tree(random, depth - 1)));
                yield array;
            }
        };
    }

    /** {@code node} with a few random changes: members replaced, removed or added, arrays grown or cut. */
    private static JsonNode edit(Random random, JsonNode node, int depth) {
        if (random.nextInt(5) == 0) {
            return tree(random, depth);
        }
        if (node instanceof ObjectNode object) {
            for (String name : object.properties().stream().map(Map.Entry::getKey).toList()) {
                switch (random.nextInt(4)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set(name, edit(random, object.get(name), depth - 1));
                    default -> {
                    }
                }
            }
            if (random.nextBoolean()) {
                object.set(name(random), tree(random, depth - 1));
            }
        } else if (node instanceof ArrayNode array) {
            if (!array.isEmpty() && random.nextBoolean()) {
                array.remove(random.nextInt(array.size()));
            }
            if (random.nextBoolean()) {
                array.insert(random.nextInt(array.size() + 1), tree(random, depth - 1));
            }
            if (!array.isEmpty() && random.nextBoolean()) {
                int at = random.nextInt(array.size());
                array.set(at, edit(random, array.get(at), depth - 1));
            }
        }
        return node;
    }

    private static String name(Random random) {
        return List.of("a", "b", "c/d", "e~f", "").get(random.nextInt(5));
    }
}
