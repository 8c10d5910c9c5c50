package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@link TroupeServer#start(Troupe, ServerConfig, io.micrometer.core.instrument.MeterRegistry)}: the
 * server's meters also land in the application's registry, and leave it when the server closes;
 * {@link TroupeServer#isAccepting()} turns false once it closes.
 */
class ApplicationMeterRegistryTest {

    @Test
    void theServersMetersAreInTheApplicationsRegistryUntilItCloses() throws Exception {
        SimpleMeterRegistry application = new SimpleMeterRegistry();
        try (Troupe troupe = TestServer.builder(new MemoryStore()).build();
             TroupeServer server = TroupeServer.start(troupe, ServerConfig.port(0), application);
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
                            server.uri().resolve("/v1/actors/test-counter/actions/increment?key=m"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[2]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);

            assertThat(application.get("troupe.turns").functionCounter().count()).isGreaterThanOrEqualTo(1);
            assertThat(application.get("troupe.http.requests").tag("status", "200").counter().count()).isEqualTo(1);
            assertThat(application.get("troupe.turn.duration").tag("type", "test-counter").timer().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(server.isAccepting()).isTrue();

            server.close();

            assertThat(server.isAccepting()).isFalse();
            assertThat(application.getMeters()).extracting(Meter::getId)
                    .noneMatch(id -> id.getName().startsWith("troupe."));
        }
    }
}
