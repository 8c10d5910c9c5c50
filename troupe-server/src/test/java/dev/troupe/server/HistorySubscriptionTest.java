package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.history.HistoryJson;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket history subscription and the JSON Lines export over a real server: the backlog then
 * live entries in order, resuming from a seq without gaps or duplicates, and access (a client without
 * {@code #history} gets an error and nothing of the history).
 */
class HistorySubscriptionTest {
    private static final String CONNECT = "/v1/actors/test-counter/connect?key=";
    private static final String EXPORT = "/v1/actors/test-counter/history/export?key=";
    private static TestServer t;
    private static Troupe troupe;
    private static String service;
    private static String client;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        troupe = Troupe.builder().store(store)
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT).history(h -> h.checkpointEvery(4)))
                .build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
        service = "Bearer " + t.tokens().service("auditor").issue();
        client = "Bearer " + t.tokens().client("alice").issue();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static List<Long> seqs(JsonNode frame) {
        List<Long> seqs = new ArrayList<>();
        frame.get("entries").forEach(entry -> seqs.add(entry.get("seq").asLong()));
        return seqs;
    }

    /** Entries of history frames of subscription {@code id} until one with seq {@code last} arrived. */
    private static List<JsonNode> entriesUpTo(WsClient ws, String id, long last) {
        List<JsonNode> entries = new ArrayList<>();
        while (entries.isEmpty() || entries.getLast().get("seq").asLong() < last) {
            JsonNode frame = ws.next(f -> "history".equals(f.path("type").asText()) && id.equals(f.path("id").asText()));
            frame.get("entries").forEach(entries::add);
        }
        return entries;
    }

    @Test
    void subscription_sendsTheBacklogThenLiveEntries_andResumesFromTheNextSeq() {
        Counter counter = troupe.actor(Counter.class, Key.of("live"));
        for (int i = 0; i < 150; i++) {
            counter.increment(1);
        }
        WsClient ws = t.ws(CONNECT + "live", "Authorization", service);
        ws.next("welcome");
        ws.send("{\"type\":\"history\",\"id\":\"h\"}");
        JsonNode started = ws.next("result");
        assertThat(started.get("id").asText()).isEqualTo("h");
        assertThat(started.get("output").get("from").asLong()).isZero();
        String actorId = started.get("output").get("actorId").asText();

        List<JsonNode> backlog = entriesUpTo(ws, "h", 152);
        counter.increment(1);
        List<JsonNode> live = entriesUpTo(ws, "h", 153);

        List<JsonNode> all = new ArrayList<>(backlog);
        all.addAll(live);
        assertThat(all).extracting(e -> e.get("seq").asLong())
                .as("151 turns and the connect, then the live increment, each once, in order")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 153).boxed().toList());
        List<HistoryEntry> stored = troupe.history(Counter.class, Key.of("live")).entries(0, 1_000);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).toString()).isEqualTo(HistoryJson.entry(stored.get(i)).toString());
        }
        assertThat(actorId).isEqualTo(troupe.history(Counter.class, Key.of("live")).actorId());
        ws.close();

        WsClient again = t.ws(CONNECT + "live", "Authorization", service);
        again.next("welcome");
        again.send("{\"type\":\"history\",\"id\":7,\"from\":154}");
        assertThat(again.next("result").get("output").get("from").asLong()).isEqualTo(154);
        JsonNode resumed = again.next("history");
        assertThat(resumed.get("id").asInt()).isEqualTo(7);
        assertThat(seqs(resumed).getFirst()).as("the disconnect and the new connect, after what it had")
                .isEqualTo(154);
        again.close();
    }

    @Test
    void clients_withoutHistory_getForbidden_andNothingOfTheHistory() {
        troupe.actor(Counter.class, Key.of("private")).increment(1);
        for (String[] auth : new String[][] {{"Authorization", client}, {}}) {
            WsClient ws = t.ws(CONNECT + "private", auth);
            if (auth.length == 0) {
                ws.send("{\"type\":\"auth\"}");
            }
            ws.next("welcome");
            ws.send("{\"type\":\"history\",\"id\":1}");
            JsonNode refused = ws.next();
            assertThat(refused.get("type").asText()).isEqualTo("error");
            assertThat(refused.get("id").asInt()).isEqualTo(1);
            assertThat(refused.get("group").asText() + "/" + refused.get("code").asText()).isEqualTo("auth/forbidden");
            ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"count\",\"args\":[]}");
            JsonNode answer = ws.next();
            assertThat(answer.get("type").asText()).as("no history frame comes").isEqualTo("result");
            troupe.actor(Counter.class, Key.of("private")).increment(1);
            ws.send("{\"type\":\"action\",\"id\":3,\"name\":\"count\",\"args\":[]}");
            assertThat(ws.next().get("type").asText()).as("nothing after a new entry either").isEqualTo("result");
            ws.close();
        }
        TestServer.Reply export = t.get(EXPORT + "private", "Authorization", client);
        assertThat(export.status()).isEqualTo(403);
        assertThat(export.body()).doesNotContain("seq");
        assertThat(t.get(EXPORT + "private").status()).isEqualTo(403);
    }

    @Test
    void stopHistory_endsTheSubscriptionBeforeItsAcknowledgement_andAnotherMayStart() {
        Counter counter = troupe.actor(Counter.class, Key.of("stopped"));
        counter.increment(1);
        WsClient ws = t.ws(CONNECT + "stopped", "Authorization", service);
        ws.next("welcome");
        ws.send("{\"type\":\"stopHistory\",\"id\":\"idle\"}");
        assertThat(ws.next("result").get("id").asText()).as("nothing to stop is acknowledged too").isEqualTo("idle");
        ws.send("{\"type\":\"history\",\"id\":\"s\"}");
        assertThat(ws.next("result").get("id").asText()).isEqualTo("s");
        long seen = entriesUpTo(ws, "s", 3).getLast().get("seq").asLong();

        ws.send("{\"type\":\"stopHistory\",\"id\":\"x\"}");
        JsonNode stopped = ws.next(f -> !"history".equals(f.path("type").asText()));
        assertThat(stopped.get("type").asText()).isEqualTo("result");
        assertThat(stopped.get("id").asText()).isEqualTo("x");
        counter.increment(1);
        ws.send("{\"type\":\"action\",\"id\":9,\"name\":\"count\",\"args\":[]}");
        JsonNode next = ws.next();
        assertThat(next.get("type").asText()).as("no history frame after the acknowledgement").isEqualTo("result");
        assertThat(next.get("id").asInt()).isEqualTo(9);

        ws.send("{\"type\":\"history\",\"id\":\"t\",\"from\":" + (seen + 1) + "}");
        List<JsonNode> frames = new ArrayList<>();
        frames.add(ws.next());
        while (!"history".equals(frames.getLast().path("type").asText())) {
            frames.add(ws.next());
        }
        assertThat(frames).extracting(f -> f.path("id").asText()).as("only the new subscription answers")
                .containsExactly("t", "t");
        assertThat(seqs(frames.getLast()).getFirst()).as("the increment made after the stop").isEqualTo(seen + 1);
        ws.close();
    }

    @Test
    void badHistoryFrames_getInvalidRequest_andTheSocketStaysOpen() {
        troupe.actor(Counter.class, Key.of("bad")).increment(1);
        WsClient ws = t.ws(CONNECT + "bad", "Authorization", service);
        ws.next("welcome");
        ws.send("{\"type\":\"history\"}");
        assertThat(ws.next("error").get("code").asText()).isEqualTo("invalid_request");
        ws.send("{\"type\":\"history\",\"id\":1,\"from\":-1}");
        assertThat(ws.next("error").get("id").asInt()).isEqualTo(1);
        ws.send("{\"type\":\"history\",\"id\":2,\"from\":\"3\"}");
        assertThat(ws.next("error").get("id").asInt()).isEqualTo(2);
        ws.send("{\"type\":\"history\",\"id\":3,\"from\":1}");
        assertThat(ws.next("result").get("id").asInt()).isEqualTo(3);
        ws.send("{\"type\":\"history\",\"id\":4}");
        JsonNode twice = ws.next("error");
        assertThat(twice.get("id").asInt()).isEqualTo(4);
        assertThat(twice.get("message").asText()).contains("already");
        ws.close();
    }

    @Test
    void export_streamsAHeaderLineAndOneLinePerEntry() {
        Counter counter = troupe.actor(Counter.class, Key.of("export"));
        for (int i = 0; i < 5; i++) {
            counter.increment(2);
        }
        TestServer.Reply export = t.get(EXPORT + "export", "Authorization", service);

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("content-type")).hasValue("application/jsonl");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.getFirst()).contains("\"format\":\"troupe-history\"").contains("\"key\":[\"export\"]");
        List<HistoryEntry> stored = troupe.history(Counter.class, Key.of("export")).entries(0, 100);
        for (int i = 0; i < stored.size(); i++) {
            assertThat(lines.get(i + 1)).isEqualTo(HistoryJson.entry(stored.get(i)).toString());
        }
    }
}
