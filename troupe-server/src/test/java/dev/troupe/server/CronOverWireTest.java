package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.BellActor;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cron schedule asked for by an action whose expression and zone come from a client, on a real server:
 * a bad expression or zone answers {@code 400 schedule/invalid_cron} naming it, never a 500, and schedules
 * nothing; a good one schedules the series.
 */
class CronOverWireTest {
    private static TestServer t;
    private static MemoryStore store;

    @BeforeAll
    static void start() {
        store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store).register(BellActor.class, type -> type.allow(CallerType.CLIENT))
                .build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static TestServer.Reply ringEvery(String key, String expression, String zone) {
        return t.post("/v1/actors/test-bell/actions/ringEvery?key=" + key,
                "{\"args\":[\"" + expression + "\",\"" + zone + "\"]}");
    }

    private static List<DueSchedule> scheduled(String key) {
        return store.dueSchedules(Instant.MAX, 1_000).stream().filter(due -> due.key().equals(Key.of(key))).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad-1|61 * * * *|UTC|not in range [0, 59]",
            "bad-2|0 9 * *|Europe/Berlin|contains 4 parts",
            "bad-3|0 9 * * MON-FRY|UTC|Invalid chars",
            "bad-4|0 0 30 2 *|UTC|never occurs"})
    void badExpression_answers400InvalidCron_andSchedulesNothing(String key, String expression, String zone,
                                                                String fault) {
        TestServer.Reply reply = ringEvery(key, expression, zone);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("schedule/invalid_cron");
        assertThat(reply.json().path("metadata").path("cron").asText()).isEqualTo(expression);
        assertThat(reply.json().path("metadata").has("zone")).isFalse();
        assertThat(reply.json().path("message").asText()).contains(fault);
        assertThat(scheduled(key)).isEmpty();
    }

    @Test
    void unknownZone_answers400InvalidCron_namingTheZone() {
        TestServer.Reply reply = ringEvery("bad-zone", "0 9 * * *", "Europe/Atlantis");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("schedule/invalid_cron");
        assertThat(reply.json().path("metadata").path("zone").asText()).isEqualTo("Europe/Atlantis");
        assertThat(scheduled("bad-zone")).isEmpty();
    }

    @Test
    void goodExpression_answers200_andStoresTheSeries() {
        TestServer.Reply reply = ringEvery("good", "0 9 * * MON-FRI", "Europe/Berlin");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("output").asText()).isNotEmpty();
        assertThat(scheduled("good")).singleElement()
                .satisfies(due -> assertThat(due.schedule().id()).isEqualTo(reply.json().path("output").asText()));
    }
}
