package dev.troupe.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.testing.WireFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patches the server sends between two views are exactly those of the shared fixture
 * {@code fixtures/wire/json-patch.json} ("diff"), which both clients' tests apply.
 */
class ViewSyncFixtureTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.troupe.testing.WireFixtures#patchDiffs")
    void nextView_sendsTheFixturesPatch_andNoFrameWhenItIsEmpty(String name, JsonNode before, JsonNode after,
                                                                JsonNode patch) {
        ViewSync sync = new ViewSync(null);
        List<ObjectNode> frames = new ArrayList<>();
        sync.next(before, frames::add);
        frames.clear();

        sync.next(after, frames::add);

        if (patch.isEmpty()) {
            assertThat(frames).isEmpty();
        } else {
            assertThat(frames).hasSize(1);
            assertThat(frames.getFirst().get("seq").asLong()).isEqualTo(2);
            assertThat(frames.getFirst().get("patch")).isEqualTo(patch);
        }
    }
}
