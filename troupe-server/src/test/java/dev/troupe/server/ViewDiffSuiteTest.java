package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import dev.troupe.json.CanonicalJson;
import dev.troupe.server.view.ViewSync;
import dev.troupe.testing.JsonPatchSuite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The view diff the server sends takes a client from each document of the json-patch-tests suite
 * (fixtures/json-patch-tests) to its expected result, with only {@code add}, {@code remove} and
 * {@code replace} operations and no old values (docs/protocol.md, View sync). The patches are applied
 * with the Java client's applier, which passes the suite's apply cases (issue #12).
 */
class ViewDiffSuiteTest {
    static List<JsonPatchSuite.Case> cases() {
        return JsonPatchSuite.cases().stream().filter(c -> c.expected() != null).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDiffFromEachSuiteDocumentToItsResult_bringsAClientThere(JsonPatchSuite.Case c) throws Exception {
        List<ObjectNode> frames = new ArrayList<>();
        ViewSync sync = new ViewSync(null);
        sync.next(c.doc(), frames::add);
        sync.next(c.expected(), frames::add);

        JsonNode base = frames.getFirst().get("value");
        JsonNode expected = CanonicalJson.tree(c.expected());
        if (expected.equals(CanonicalJson.tree(c.doc()))) {
            assertThat(frames).as("an unchanged view sends nothing").hasSize(1);
            return;
        }
        JsonNode patch = frames.get(1).get("patch");
        assertThat(patch).allSatisfy(op -> {
            assertThat(op.get("op").asText()).isIn("add", "remove", "replace");
            if (op.get("op").asText().equals("remove")) {
                assertThat(op.has("value")).as("no old value in %s", op).isFalse();
            }
        });
        assertThat(JsonPatch.fromJson(patch).apply(base)).isEqualTo(expected);
        assertThat(frames.get(1).get("checksum").asText()).isEqualTo(CanonicalJson.checksum(expected));
    }
}
