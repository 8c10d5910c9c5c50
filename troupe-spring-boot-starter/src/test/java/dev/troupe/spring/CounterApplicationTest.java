package dev.troupe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.server.TroupeServer;
import dev.troupe.spring.example.Counter;
import dev.troupe.spring.example.CounterApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's application, started by Spring Boot with the starter: Troupe on its own ephemeral port
 * over a SQLite store in a temporary directory, Actuator on the application's port, both over real HTTP
 * on 127.0.0.1. The last test stops the Troupe server, so it runs last and dirties the context.
 */
@SpringBootTest(classes = CounterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"troupe.server.port=0", "server.address=127.0.0.1",
                "management.endpoint.health.show-details=always"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CounterApplicationTest {
    @TempDir
    static Path store;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int applicationPort;
    @Autowired
    TroupeServer server;
    @Autowired
    Troupe troupe;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void storeInTheTemporaryDirectory(DynamicPropertyRegistry properties) {
        properties.add("troupe.store", () -> store.toString());
    }

    @AfterAll
    static void closeTheClient() {
        HTTP.close();
    }

    @Test
    @Order(1)
    void anActorRegisteredAsABeanAnswersOverHttpOnceDurable() throws Exception {
        HttpResponse<String> first = post("/v1/actors/counter/actions/increment?key=spring", "{\"args\":[2]}");
        HttpResponse<String> second = post("/v1/actors/counter/actions/increment?key=spring", "{\"args\":[3]}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"output\":2}");
        assertThat(second.body()).isEqualTo("{\"output\":5}");
        assertThat(troupe.actor(Counter.class, Key.of("spring")).count()).isEqualTo(5);
        assertThat(store.resolve("troupe.db")).exists();
    }

    @Test
    @Order(2)
    void troupesMetersAreInTheApplicationsRegistry() throws Exception {
        post("/v1/actors/counter/actions/increment?key=metered", "{\"args\":[1]}");

        assertThat(meters.get("troupe.turns").functionCounter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("troupe.http.requests").tag("route", "/v1/actors/{type}/actions/{action}")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("troupe.turn.duration").tag("type", "counter").timer().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void livenessAndReadinessAreUpWhileTheServerAcceptsConnections() throws Exception {
        HttpResponse<String> liveness = actuator("/actuator/health/liveness");
        HttpResponse<String> readiness = actuator("/actuator/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).path("status").asText()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode troupeHealth = json(readiness).path("components").path("troupe");
        assertThat(troupeHealth.path("status").asText()).isEqualTo("UP");
        assertThat(troupeHealth.path("details").path("port").asInt()).isEqualTo(server.port());
    }

    @Test
    @Order(4)
    @DirtiesContext
    void readinessIsOutOfServiceOnceTheServerStopsWhileLivenessStaysUp() throws Exception {
        server.close();

        HttpResponse<String> readiness = actuator("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(json(readiness).path("components").path("troupe").path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(actuator("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(meters.find("troupe.turns").meters()).isEmpty();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> actuator(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + applicationPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
