package dev.troupe.server.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.testing.WireFixtures;
import org.junit.jupiter.api.Test;

/** The server's close codes are those of the shared fixture {@code fixtures/wire/close-codes.json}. */
class CloseCodesFixtureTest {

    @Test
    void namedCloseCodes_areTheFixturesCodes() {
        assertThat(CloseCodes.GOING_AWAY).isEqualTo(WireFixtures.closeCode("GoingAway"));
        assertThat(CloseCodes.TOO_BIG).isEqualTo(WireFixtures.closeCode("TooBig"));
        assertThat(CloseCodes.INTERNAL_ERROR).isEqualTo(WireFixtures.closeCode("InternalError"));
        assertThat(CloseCodes.SLOW_CONSUMER).isEqualTo(WireFixtures.closeCode("SlowConsumer"));
    }

    @Test
    void slowConsumerReason_isTheFixturesReason() {
        assertThat(CloseCodes.SLOW_CONSUMER_REASON).isEqualTo(entry("SlowConsumer").get("reason").asText());
    }

    @Test
    void errorsEndingAConnection_closeWithTheFixturesCodeForTheirStatus() {
        int checked = 0;
        for (JsonNode entry : WireFixtures.read("close-codes.json").get("codes")) {
            if (entry.has("status")) {
                assertThat(CloseCodes.forStatus(entry.get("status").asInt())).as(entry.get("name").asText())
                        .isEqualTo(entry.get("code").asInt());
                checked++;
            }
        }

        assertThat(checked).isPositive();
        assertThat(CloseCodes.forStatus(503)).isEqualTo(WireFixtures.closeCode("GoingAway"));
        assertThat(CloseCodes.forStatus(500)).isEqualTo(WireFixtures.closeCode("InternalError"));
    }

    private static JsonNode entry(String name) {
        for (JsonNode entry : WireFixtures.read("close-codes.json").get("codes")) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no close code " + name + " in the fixture");
    }
}
