package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listing of a type's actors ({@code GET /v1/actors/{type}/list}) on a real server: pages across
 * cursors, key prefixes matched part by part, the {@code #list} rule denying clients, and the precise
 * errors of a bad cursor or limit.
 */
class ActorListingTest {
    private static TestServer t;
    private static String service;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        service = "Bearer " + t.tokens().service("ops").issue();
        for (String key : new String[] {"key=acme&key=general", "key=acme&key=x", "key=acme", "key=acmes",
                "key=acme,general", "key=other&key=acme"}) {
            t.post("/v1/actors/test-board?" + key, "");
        }
        for (int i = 0; i < 7; i++) {
            t.post("/v1/actors/test-board?key=paged&key=" + i, "");
        }
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static TestServer.Reply list(String query) {
        return t.get("/v1/actors/test-board/list" + query, "Authorization", service);
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("actors").forEach(actor -> keys.add(actor.get("key").toString()));
        return keys;
    }

    @Test
    void list_withAKeyPrefix_matchesWholeParts() {
        TestServer.Reply reply = list("?prefix=acme");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(keys(reply.json())).containsExactlyInAnyOrder("[\"acme\",\"general\"]", "[\"acme\",\"x\"]", "[\"acme\"]");
        assertThat(reply.json().get("next").isNull()).isTrue();
        assertThat(keys(list("?prefix=acme&prefix=x").json())).containsExactly("[\"acme\",\"x\"]");
        assertThat(keys(list("?prefix=acme,general").json())).containsExactly("[\"acme,general\"]");
    }

    @Test
    void list_answersEachActorsInfo_inIdOrder() {
        JsonNode page = list("?prefix=acme").json();

        JsonNode first = page.get("actors").get(0);
        assertThat(first).isEqualTo(t.get("/v1/ids/" + first.get("id").asText(), "Authorization", service).json());
        List<String> ids = new ArrayList<>();
        page.get("actors").forEach(actor -> ids.add(actor.get("id").asText()));
        assertThat(ids).isSorted();
    }

    @Test
    void list_pagesAcrossCursors_visitingEveryActorOnce() {
        List<String> seen = new ArrayList<>();
        String query = "?prefix=paged&limit=3";
        int pages = 0;
        while (true) {
            JsonNode page = list(query).json();
            pages++;
            assertThat(page.get("actors").size()).isLessThanOrEqualTo(3);
            seen.addAll(keys(page));
            if (page.get("next").isNull()) {
                break;
            }
            query = "?prefix=paged&limit=3&cursor=" + page.get("next").asText();
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void list_aFullLastPage_hasNoNext() {
        JsonNode page = list("?prefix=acme&prefix=x&limit=1").json();

        assertThat(page.get("actors").size()).isEqualTo(1);
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void list_withoutAPrefix_listsEveryActorOfTheType() {
        JsonNode page = list("?limit=1000").json();

        assertThat(page.get("actors").size()).isEqualTo(13);
        assertThat(list("").json().get("actors").size()).isEqualTo(13);
    }

    @Test
    void list_isDeniedToClients_evenWhereEverythingElseIsAllowed() {
        TestServer.Reply anonymous = t.get("/v1/actors/test-board/list");
        TestServer.Reply client = t.get("/v1/actors/test-board/list", "Authorization",
                "Bearer " + t.tokens().client("alice").issue());

        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.code()).isEqualTo("auth/forbidden");
        assertThat(anonymous.json().get("metadata").get("operation").asText()).isEqualTo("#list");
        assertThat(client.code()).isEqualTo("auth/forbidden");
    }

    @Test
    void list_withATokenScopedToOneKey_isForbidden() {
        String token = t.tokens().service("narrow").actor("test-board", Key.of("acme")).issue();

        assertThat(t.get("/v1/actors/test-board/list", "Authorization", "Bearer " + token).code())
                .isEqualTo("auth/forbidden");
    }

    @Test
    void list_ofAnUnknownType_is404() {
        assertThat(t.get("/v1/actors/nope/list", "Authorization", service).code()).isEqualTo("actor/type_not_found");
    }

    @Test
    void badCursor_is400InvalidCursor() {
        String notOurs = Base64.getUrlEncoder().withoutPadding().encodeToString("v2:x".getBytes(StandardCharsets.UTF_8));
        String notAnId = Base64.getUrlEncoder().withoutPadding().encodeToString("v1:x".getBytes(StandardCharsets.UTF_8));
        for (String cursor : new String[] {"!!", notOurs, notAnId, "", "%00"}) {
            TestServer.Reply reply = list("?cursor=" + cursor);
            assertThat(reply.status()).as(cursor).isEqualTo(400);
            assertThat(reply.code()).as(cursor).isEqualTo("request/invalid_cursor");
        }
        assertThat(list("?cursor=a&cursor=b").code()).isEqualTo("request/invalid_request");
    }

    @Test
    void badLimit_is400_namingTheParameter() {
        for (String limit : new String[] {"0", "1001", "-1", "x", "1.5", ""}) {
            TestServer.Reply reply = list("?limit=" + limit);
            assertThat(reply.status()).as(limit).isEqualTo(400);
            assertThat(reply.code()).as(limit).isEqualTo("request/invalid_request");
            assertThat(reply.json().get("metadata").get("parameter").asText()).isEqualTo("limit");
        }
    }

    @Test
    void badPrefix_is400InvalidKey() {
        assertThat(list("?prefix=").code()).isEqualTo("request/invalid_key");
        assertThat(list("?prefix=a&prefix=b&prefix=c&prefix=d&prefix=e&prefix=f&prefix=g&prefix=h&prefix=i").code())
                .isEqualTo("request/invalid_key");
    }
}
