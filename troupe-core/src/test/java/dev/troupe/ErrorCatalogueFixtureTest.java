package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.testing.WireFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared fixture {@code fixtures/wire/errors.json} is the {@link ErrorCode} catalogue: the clients'
 * tests read the catalogue from it, so a code added, renamed or given another status must change both.
 */
class ErrorCatalogueFixtureTest {

    @Test
    void errorsFixture_listsEveryErrorCode_inOrder_withGroupCodeAndStatus() {
        List<String> fixture = new ArrayList<>();
        for (JsonNode entry : WireFixtures.read("errors.json").get("errors")) {
            fixture.add(entry.get("name").asText() + " " + entry.get("group").asText() + "/"
                    + entry.get("code").asText() + " " + entry.get("status").asInt());
        }

        assertThat(fixture).containsExactlyElementsOf(Arrays.stream(ErrorCode.values())
                .map(code -> code.name() + " " + code.qualified() + " " + code.status()).toList());
    }
}
