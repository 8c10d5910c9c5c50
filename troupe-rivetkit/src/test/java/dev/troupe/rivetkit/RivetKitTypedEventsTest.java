package dev.troupe.rivetkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Newsroom;
import dev.troupe.testing.NewsroomActor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Declared events over a RivetKit client's WebSocket: a subscription to an event the caller may not
 * receive, or one the type does not declare, is an {@code Error} message with the precise code and the
 * connection goes on; an allowed one delivers, and events the caller may not receive never arrive.
 */
class RivetKitTypedEventsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Troupe troupe;
    private static TroupeServer server;

    @BeforeAll
    static void start() {
        troupe = Troupe.builder().store(new MemoryStore()).register(NewsroomActor.class, NewsroomActor::options).build();
        server = TroupeServer.start(troupe, RivetKit.defaults().mountOn(ServerConfig.port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
        troupe.close();
    }

    /** The messages of a socket, as JSON bodies ({@code {"tag":…,"val":…}}). */
    private static final class Messages implements WebSocket.Listener {
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            try {
                bodies.add(Json.mapper().readTree(data.toString()).get("body"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            socket.request(1);
            return null;
        }

        List<String> tags() {
            return bodies.stream().map(body -> body.get("tag").asText()).toList();
        }
    }

    private static String subscription(String event) {
        return "{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"" + event + "\",\"subscribe\":true}}}";
    }

    @Test
    void refusedSubscriptions_areErrorsWithTheirCodes_andAnAllowedOneReceivesOnlyWhatItMay() {
        Messages messages = new Messages();
        WebSocket socket = HTTP.newWebSocketBuilder().subprotocols("rivet", "rivet_encoding.json")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/gateway/test-newsroom/connect"
                        + "?rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default&rvt-key=rivet"
                        + "&rvt-crash-policy=sleep"), messages).join();
        await().until(() -> messages.tags().contains("Init"));

        socket.sendText(subscription(NewsroomActor.AUDIT), true).join();
        socket.sendText(subscription("gossip"), true).join();
        await().until(() -> messages.tags().stream().filter("Error"::equals).count() == 2);
        socket.sendText(subscription("*"), true).join();
        socket.sendText(subscription("gossip"), true).join();
        await().alias("messages are handled in order: the third refusal follows the subscription to all")
                .until(() -> messages.tags().stream().filter("Error"::equals).count() == 3);
        Newsroom newsroom = troupe.actor(Newsroom.class, Key.of("rivet"));
        newsroom.post("ada", "one");
        newsroom.post("ada", "two");

        await().until(() -> messages.tags().stream().filter("Event"::equals).count() == 2);
        List<JsonNode> errors = messages.bodies.stream().filter(body -> body.get("tag").asText().equals("Error")).toList();
        assertThat(errors).extracting(error -> error.get("val").get("group").asText() + "/" + error.get("val").get("code").asText())
                .containsExactly("event/forbidden", "event/not_found", "event/not_found");
        assertThat(messages.bodies.stream().filter(body -> body.get("tag").asText().equals("Event")))
                .as("the audits between them never came")
                .allSatisfy(event -> assertThat(event.get("val").get("name").asText()).isEqualTo(NewsroomActor.POSTED));
        socket.abort();
    }
}
