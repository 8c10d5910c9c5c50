package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.history.HistoryJson;
import dev.troupe.history.Verification;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RemoteHistory} against a real server: it pages through the chain and verifies it, and names
 * the first bad seq when the answer was tampered with on its way (a proxy between client and server
 * edits the pages); and a subscription that receives a tampered entry ends instead of delivering it.
 */
class RemoteHistoryTest {
    private static final byte[] SECRET = "remote-history-secret-remote-history".getBytes(StandardCharsets.UTF_8);
    private static final int TURNS = 1_050;
    private static Troupe troupe;
    private static TroupeServer server;
    private static String token;

    @BeforeAll
    static void start() {
        troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT).history())
                .build();
        server = TroupeServer.start(troupe, ServerConfig.port(0).jwtSecret(SECRET));
        token = TokenIssuer.hs256(SECRET).service("auditor").issue();
        Counter counter = troupe.actor(Counter.class, Key.of("long"));
        for (int i = 1; i < TURNS; i++) {
            counter.increment(1);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        troupe.close();
    }

    @Test
    void verify_pagesThroughTheWholeChain_andFindsItIntact() {
        try (TroupeClient client = TroupeClient.builder(server.uri()).token(token).build()) {
            RemoteHistory history = client.history(Counter.class, Key.of("long"));
            Verification verdict = history.verify();

            assertThat(verdict.valid()).as(String.valueOf(verdict.problem())).isTrue();
            assertThat(verdict.entries()).as("more than one page of %d", TroupeClient.MAX_PAGE).isEqualTo(TURNS);
            HistoryPage page = history.page(0, 10);
            assertThat(page.entries()).extracting(HistoryEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L,
                    10L);
            assertThat(page.next()).isEqualTo(11L);
            assertThat(page.entries())
                    .isEqualTo(troupe.history(Counter.class, Key.of("long")).entries(0, 10));
        }
    }

    @Test
    void verify_namesTheFirstBadSeq_ofAnswersTamperedWithOnTheWay() throws IOException {
        assertThat(verifyThrough(entries -> edit(entries, 5, e -> e.put("message",
                e.get("message").asText().replace("\"args\":[1]", "\"args\":[2]")))))
                .as("one byte of an entry changed").isEqualTo(5);
        assertThat(verifyThrough(entries -> {
            entries.remove(6);
            return entries;
        })).as("entry 7 left out").isEqualTo(7);
        assertThat(verifyThrough(entries -> {
            JsonNode eighth = entries.remove(7);
            entries.insert(8, eighth);
            return entries;
        })).as("entries 8 and 9 swapped").isEqualTo(8);
        assertThat(verifyThrough(entries -> edit(entries, 1_020, e -> e.put("atMicros", e.get("atMicros").asLong() + 1))))
                .as("a time changed on the second page").isEqualTo(1_020);
    }

    @Test
    void followHistory_endsWithUnverifiable_ratherThanDeliverATamperedEntry() {
        HistoryFollowing following = new HistoryFollowing(0, entries -> { });
        String actorId = troupe.history(Counter.class, Key.of("long")).actorId();
        List<HistoryEntry> stored = troupe.history(Counter.class, Key.of("long")).entries(0, 20);
        ArrayNode first = WireJson.MAPPER.createArrayNode();
        stored.subList(0, 10).forEach(entry -> first.add(HistoryJson.entry(entry)));
        assertThat(following.take(WireJson.MAPPER.createObjectNode().set("entries", first), actorId)).hasSize(10);

        ArrayNode second = WireJson.MAPPER.createArrayNode();
        stored.subList(10, 20).forEach(entry -> second.add(HistoryJson.entry(entry)));
        edit(second, 13, e -> e.put("outcome", "{\"result\":99}"));
        assertThatThrownBy(() -> following.take(WireJson.MAPPER.createObjectNode().set("entries", second), actorId))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.error().qualifiedCode()).isEqualTo("history/unverifiable");
                    assertThat(e.error().metadata()).containsEntry("firstBadSeq", 13L);
                });
    }

    /** Runs verify through a proxy that applies {@code tamper} to the entries of every page; the first bad seq. */
    private static long verifyThrough(UnaryOperator<ArrayNode> tamper) throws IOException {
        HttpServer proxy = tamperingProxy(tamper);
        try (TroupeClient client = TroupeClient.builder(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()))
                .token(token).build()) {
            Verification verdict = client.history(Counter.class, Key.of("long")).verify();
            assertThat(verdict.valid()).isFalse();
            return verdict.firstBadSeq();
        } finally {
            proxy.stop(0);
        }
    }

    private static ArrayNode edit(ArrayNode entries, long seq, UnaryOperator<ObjectNode> change) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).get("seq").asLong() == seq) {
                entries.set(i, change.apply((ObjectNode) entries.get(i)));
            }
        }
        return entries;
    }

    /** An HTTP proxy to the server that passes every answer on with its page's entries tampered with. */
    private static HttpServer tamperingProxy(UnaryOperator<ArrayNode> tamper) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> forward(http, exchange, tamper));
        proxy.start();
        return proxy;
    }

    private static void forward(HttpClient http, HttpExchange exchange, UnaryOperator<ArrayNode> tamper)
            throws IOException {
        try (exchange) {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(exchange.getRequestURI().toString()));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> answer = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode page = (ObjectNode) WireJson.MAPPER.readTree(answer.body());
            if (page.get("entries") instanceof ArrayNode entries) {
                page.set("entries", tamper.apply(entries));
            }
            byte[] body = page.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
