package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.TroupeException;
import dev.troupe.testing.WireFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java client against the shared wire fixtures in {@code fixtures/wire/}: the close codes it treats
 * as final, the statuses it gives error frames, and the view patches the server sends ({@code diff}
 * cases; the {@code apply} cases are the TypeScript client's, whose JSON Patch is its own).
 */
class WireFixturesTest {
    /**
     * Diff cases zjsonpatch (which {@link RemoteConnection} applies patches with) gets wrong: it unescapes
     * {@code ~0} before {@code ~1} (RFC 6901 §4 says the other order), so it patches the member {@code /}
     * instead of {@code ~1}. The checksum check then fails and the client asks for the full view again, so
     * the view stays right at the cost of a resend.
     */

    @Test
    void closeCodes_finalOnesStayClosed_everyOtherReconnects() {
        for (JsonNode entry : WireFixtures.read("close-codes.json").get("codes")) {
            assertThat(RemoteConnection.isFinal(entry.get("code").asInt())).as(entry.get("name").asText())
                    .isEqualTo(entry.get("final").asBoolean());
        }
        assertThat(RemoteConnection.ABNORMAL_CLOSE).isEqualTo(WireFixtures.closeCode("Abnormal"));
    }

    @Test
    void errorFrames_getTheirCataloguesStatus() {
        for (JsonNode entry : WireFixtures.read("errors.json").get("errors")) {
            JsonNode frame = WireJson.MAPPER.createObjectNode().put("type", "error").putNull("id")
                    .put("group", entry.get("group").asText()).put("code", entry.get("code").asText())
                    .put("message", "from the fixture").set("metadata", WireJson.MAPPER.createObjectNode());

            TroupeException error = WireJson.frameError(frame);

            assertThat(error.error().qualifiedCode()).isEqualTo(entry.get("group").asText() + "/"
                    + entry.get("code").asText());
            assertThat(error.status()).as(entry.get("name").asText()).isEqualTo(entry.get("status").asInt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.troupe.testing.WireFixtures#patchDiffs")
    void viewPatches_theServerSends_bringTheViewUpToDate(String name, JsonNode before, JsonNode after, JsonNode patch)
            throws Exception {
        assertThat(ViewPatch.apply(patch, before)).as(name).isEqualTo(after);
    }
}
