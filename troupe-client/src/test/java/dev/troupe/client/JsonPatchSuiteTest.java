package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.fge.jsonpatch.JsonPatchException;
import dev.troupe.json.Json;
import dev.troupe.testing.JsonPatchSuite;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's view patch applier passes every case of the standard json-patch-tests suite
 * (fixtures/json-patch-tests), the same files the TypeScript client's tests run (issue #12).
 */
class JsonPatchSuiteTest {
    static List<JsonPatchSuite.Case> cases() {
        return JsonPatchSuite.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everySuiteCase_appliesOrIsRefusedAsTheSuiteSays(JsonPatchSuite.Case c) throws JsonPatchException {
        JsonNode before = c.doc().deepCopy();
        if (c.error() != null) {
            assertThatThrownBy(() -> ViewPatch.apply(c.patch(), c.doc())).as(c.error())
                    .isInstanceOf(JsonPatchException.class);
        } else {
            JsonNode after = ViewPatch.apply(c.patch(), c.doc());
            if (c.expected() != null) {
                assertThat(after).isEqualTo(c.expected());
            }
        }
        assertThat(c.doc()).as("the view passed in is not modified").isEqualTo(before);
    }

    @Test
    void aMemberNamedTildeOne_isFoundByItsEscapedPointer_issue12() throws Exception {
        JsonNode view = Json.mapper().readTree("{\"/\":9,\"~1\":10}");
        JsonNode patch = Json.mapper().readTree("[{\"op\":\"replace\",\"path\":\"/~01\",\"value\":11}]");

        assertThat(ViewPatch.apply(patch, view)).isEqualTo(Json.mapper().readTree("{\"/\":9,\"~1\":11}"));
    }
}
