package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.AccessRule;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.server.testing.Board;
import dev.troupe.server.testing.BoardActor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The history routes over real HTTP: paging, verifying and reconstructing the state, the hash a
 * client can recompute from what it received, and access (clients see nothing unless granted).
 */
class HistoryRoutesTest {
    private static final String COUNTER = "/v1/actors/test-counter/history";
    private static final String BOARD = "/v1/actors/test-board/history";
    private static TestServer t;
    private static String service;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store)
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT).history(h -> h.checkpointEvery(3)))
                .register(BoardActor.class, type -> type.allow(CallerType.CLIENT, "post", AccessRule.HISTORY).history())
                .build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
        for (int i = 0; i < 5; i++) {
            troupe.actor(Counter.class, Key.of("h")).increment(1);
        }
        troupe.actor(Board.class, Key.of("h")).post("hello");
        service = "Bearer " + t.tokens().service("auditor").issue();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void entries_pageThroughTheChain_withFieldsAClientCanHash() throws Exception {
        TestServer.Reply first = t.get(COUNTER + "?key=h&limit=4", "Authorization", service);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode page = first.json();
        assertThat(page.get("entries")).hasSize(4);
        assertThat(page.get("next").asLong()).isEqualTo(5);
        JsonNode rest = t.get(COUNTER + "?key=h&from=5", "Authorization", service).json();
        assertThat(rest.get("entries")).extracting(e -> e.get("seq").asLong()).containsExactly(5L, 6L);
        assertThat(rest.get("next").isNull()).isTrue();

        JsonNode entry = page.get("entries").get(1);
        String text = "{\"actor\":\"" + page.get("actorId").asText() + "\",\"at\":" + entry.get("atMicros").asLong()
                + ",\"caller\":" + entry.get("caller").asText() + ",\"effects\":" + entry.get("effects").asText()
                + ",\"message\":" + entry.get("message").asText() + ",\"outcome\":" + entry.get("outcome").asText()
                + ",\"prev\":\"" + entry.get("prevHash").asText() + "\",\"seq\":2,\"state\":\""
                + entry.get("stateHash").asText() + "\",\"v\":1}";
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(hash).isEqualTo(entry.get("hash").asText());
        assertThat(page.get("entries").get(0).get("checkpoint").get("state").asText()).isEqualTo("{\"count\":0}");
    }

    @Test
    void verify_andState_answerForAServiceCaller() {
        JsonNode verification = t.get(COUNTER + "/verify?key=h", "Authorization", service).json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("entries").asLong()).isEqualTo(6);
        assertThat(verification.get("firstBadSeq").isNull()).isTrue();

        TestServer.Reply state = t.get(COUNTER + "/state?key=h&seq=5", "Authorization", service);
        assertThat(state.status()).as(state.body()).isEqualTo(200);
        assertThat(state.json().get("state")).isEqualTo(Json.mapper().createObjectNode().put("count", 4));
    }

    @Test
    void clients_seeNothing_unlessARuleGrantsHistoryByName() {
        String client = "Bearer " + t.tokens().client("alice").issue();
        for (String route : new String[] {"", "/verify", "/state?seq=1&"}) {
            String path = COUNTER + route + (route.contains("?") ? "" : "?") + "key=h";
            assertThat(t.get(path).status()).as("anonymous %s", path).isEqualTo(403);
            TestServer.Reply reply = t.get(path, "Authorization", client);
            assertThat(reply.status()).as("client %s", path).isEqualTo(403);
            assertThat(reply.json().get("code").asText()).isEqualTo("forbidden");
            assertThat(reply.body()).doesNotContain("\"count\":");
        }
        assertThat(t.get(BOARD + "?key=h", "Authorization", client).status()).isEqualTo(200);
    }

    @Test
    void errors_haveTheirCodes() {
        assertThat(t.get(COUNTER + "/state?key=h&seq=99", "Authorization", service).json().get("code").asText())
                .isEqualTo("not_retained");
        assertThat(t.get(COUNTER + "/state?key=h", "Authorization", service).status()).isEqualTo(400);
        assertThat(t.get(COUNTER + "?key=h&limit=1001", "Authorization", service).status()).isEqualTo(400);
        assertThat(t.get(COUNTER + "?key=nobody", "Authorization", service).json().get("code").asText())
                .isEqualTo("not_found");
        assertThat(t.get(COUNTER + "/nope?key=h", "Authorization", service).status()).isEqualTo(404);
    }
}
