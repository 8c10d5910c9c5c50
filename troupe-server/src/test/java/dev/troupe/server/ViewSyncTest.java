package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.troupe.Key;
import dev.troupe.json.CanonicalJson;
import dev.troupe.server.testing.Board;
import dev.troupe.server.testing.BoardActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-caller views over WebSocket and HTTP: full value, then RFC 6902 patches with checksums; one
 * caller's private change reaches nobody else.
 */
class ViewSyncTest {
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void aViewThatFailsToCompute_answersWithAnErrorFrameCarryingTheFramesId() {
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=broken-view");
        ws.send("{\"type\":\"auth\",\"token\":\"" + t.tokens().client(BoardActor.VIEW_BREAKER).issue() + "\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");

        ws.send("{\"type\":\"view\",\"id\":\"v-1\"}");

        JsonNode error = ws.next("error");
        assertThat(error.get("id").asText()).isEqualTo("v-1");
        ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"post\",\"args\":[\"still here\"]}");
        assertThat(ws.next("result").get("id").asInt()).isEqualTo(2);
        ws.close();
    }

    /** A WebSocket as one caller, with the view it has assembled from value and patch frames. */
    private static final class Viewer {
        final String name;
        final String token;
        final WsClient ws;
        final List<JsonNode> frames = new ArrayList<>();
        JsonNode view;
        long seq;
        String checksum;

        Viewer(String key, String name, String checksum) {
            this.name = name;
            this.token = t.tokens().client(name).issue();
            this.ws = t.ws("/v1/actors/test-board/connect?key=" + key);
            ws.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
            ws.send(checksum == null ? "{\"type\":\"view\"}" : "{\"type\":\"view\",\"checksum\":\"" + checksum + "\"}");
        }

        /** Takes the next view frame, applies it and checks its sequence number and checksum. */
        JsonNode nextView() {
            JsonNode frame = ws.next("view");
            frames.add(frame);
            assertThat(frame.get("seq").asLong()).isEqualTo(seq + 1);
            seq = frame.get("seq").asLong();
            if (frame.has("value")) {
                view = frame.get("value");
            } else {
                view = JsonPatch.apply(frame.get("patch"), view);
            }
            checksum = frame.get("checksum").asText();
            assertThat(CanonicalJson.checksum(view)).as("checksum after frame %s", frame).isEqualTo(checksum);
            return frame;
        }

        void note(String key, String text) {
            assertThat(t.post("/v1/actors/test-board/actions/note?key=" + key, "{\"args\":[\"" + text + "\"]}",
                    "Authorization", "Bearer " + token).status()).isEqualTo(200);
        }
    }

    private static void post(String key, String text) {
        assertThat(t.post("/v1/actors/test-board/actions/post?key=" + key, "{\"args\":[\"" + text + "\"]}").status())
                .isEqualTo(200);
    }

    @Test
    void textWithAnUnpairedSurrogate_reachesTheViewAsTheReplacementCharacter_andTheChecksumsAgree() {
        Viewer viewer = new Viewer("surrogates", "dana", null);
        viewer.nextView();

        // In-process, the text is not refused as it is on the wire: an actor can make such text itself.
        t.troupe.actor(Board.class, Key.of("surrogates")).post("cut \uD83D");
        JsonNode patch = viewer.nextView();

        assertThat(viewer.view.get("posts").get(0).asText()).isEqualTo("cut \uFFFD");
        assertThat(patch.get("checksum").asText()).isEqualTo(
                t.get("/v1/actors/test-board/view?key=surrogates").json().get("checksum").asText());
        assertThat(t.get("/v1/actors/test-board/view?key=surrogates").json().get("view").get("posts").get(0).asText())
                .isEqualTo("cut \uFFFD");
        viewer.ws.close();
    }

    @Test
    void threeCallers_eachSeeOnlyThePublicPartAndTheirOwnNotes() {
        Viewer alice = new Viewer("three", "alice", null);
        Viewer bob = new Viewer("three", "bob", null);
        Viewer carol = new Viewer("three", "carol", null);
        for (Viewer viewer : List.of(alice, bob, carol)) {
            JsonNode first = viewer.nextView();
            assertThat(first.get("value").toString()).isEqualTo("{\"mine\":[],\"posts\":[]}");
        }

        alice.note("three", "alice-secret");
        assertThat(alice.nextView().get("patch").toString())
                .isEqualTo("[{\"op\":\"add\",\"path\":\"/mine/0\",\"value\":\"alice-secret\"}]");
        bob.note("three", "bob-secret");
        assertThat(bob.nextView().get("patch").toString()).contains("bob-secret");
        post("three", "hello all");

        for (Viewer viewer : List.of(alice, bob, carol)) {
            JsonNode frame = viewer.nextView();
            assertThat(frame.get("patch").toString())
                    .isEqualTo("[{\"op\":\"add\",\"path\":\"/posts/0\",\"value\":\"hello all\"}]");
        }
        assertThat(alice.view.toString()).isEqualTo("{\"mine\":[\"alice-secret\"],\"posts\":[\"hello all\"]}");
        assertThat(bob.view.toString()).isEqualTo("{\"mine\":[\"bob-secret\"],\"posts\":[\"hello all\"]}");
        assertThat(carol.view.toString()).isEqualTo("{\"mine\":[],\"posts\":[\"hello all\"]}");
        assertThat(alice.seq).isEqualTo(3);
        assertThat(bob.seq).isEqualTo(3);
        assertThat(carol.seq).isEqualTo(2);
        assertThat(alice.frames.toString()).doesNotContain("bob-secret");
        assertThat(bob.frames.toString()).doesNotContain("alice-secret");
        assertThat(carol.frames.toString()).doesNotContain("secret");
        assertThat(carol.ws.pending()).isZero();

        JsonNode httpView = t.get("/v1/actors/test-board/view?key=three", "Authorization", "Bearer " + bob.token).json();
        assertThat(httpView.get("view")).isEqualTo(bob.view);
        assertThat(httpView.get("checksum").asText()).isEqualTo(bob.checksum);
        List.of(alice, bob, carol).forEach(viewer -> viewer.ws.close());
    }

    @Test
    void resuming_withTheCurrentChecksum_getsAnEmptyPatch_andWithAStaleOne_theFullValue() {
        Viewer first = new Viewer("resume", "dave", null);
        first.nextView();
        post("resume", "one");
        first.nextView();
        String current = first.checksum;
        first.ws.close();

        Viewer same = new Viewer("resume", "dave", current);
        JsonNode confirm = same.ws.next("view");
        Viewer stale = new Viewer("resume", "dave", "0".repeat(64));
        JsonNode full = stale.nextView();

        assertThat(confirm.get("seq").asLong()).isEqualTo(1);
        assertThat(confirm.get("checksum").asText()).isEqualTo(current);
        assertThat(confirm.get("patch").toString()).isEqualTo("[]");
        assertThat(confirm.has("value")).isFalse();
        assertThat(full.get("value").toString()).isEqualTo("{\"mine\":[],\"posts\":[\"one\"]}");
        same.ws.close();
        stale.ws.close();
    }

    @Test
    void unchangedViews_sendNothing() {
        Viewer erin = new Viewer("quiet", "erin", null);
        erin.nextView();

        Viewer frank = new Viewer("quiet", "frank", null);
        frank.nextView();
        frank.note("quiet", "only-frank");
        frank.nextView();
        post("quiet", "for everyone");

        JsonNode next = erin.nextView();
        assertThat(next.get("seq").asLong()).isEqualTo(2);
        assertThat(next.get("patch").toString()).doesNotContain("only-frank");
        erin.ws.close();
        frank.ws.close();
    }

    @Test
    void httpView_waitsForAChangeFromTheGivenChecksum() throws Exception {
        post("waiting", "first");
        String checksum = t.get("/v1/actors/test-board/view?key=waiting").json().get("checksum").asText();

        CompletableFuture<TestServer.Reply> waiting = CompletableFuture
                .supplyAsync(() -> t.get("/v1/actors/test-board/view?key=waiting&after=" + checksum + "&waitMs=20000"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                t.troupe.actor(Board.class, Key.of("waiting"))
                        .connectionCounts().get(0) == 1);
        post("waiting", "second");

        JsonNode changed = waiting.get(10, TimeUnit.SECONDS).json();
        assertThat(changed.at("/view/posts").toString()).isEqualTo("[\"first\",\"second\"]");
        assertThat(changed.get("checksum").asText()).isNotEqualTo(checksum);
    }

    @Test
    void httpView_withAnUnchangedView_answersItAfterTheWait_andOtherwiseAtOnce() {
        post("unchanged", "only");
        String checksum = t.get("/v1/actors/test-board/view?key=unchanged").json().get("checksum").asText();

        TestServer.Reply same = t.get("/v1/actors/test-board/view?key=unchanged&after=" + checksum + "&waitMs=200");
        TestServer.Reply other = t.get("/v1/actors/test-board/view?key=unchanged&after=stale&waitMs=30000");
        TestServer.Reply bad = t.get("/v1/actors/test-board/view?key=unchanged&after=x&waitMs=30001");

        assertThat(same.json().get("checksum").asText()).isEqualTo(checksum);
        assertThat(other.json().get("checksum").asText()).isEqualTo(checksum);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("request/invalid_request");
    }

    @Test
    void viewFrame_withANonStringChecksum_isAnError() {
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=badview");
        ws.send("{\"type\":\"auth\"}");
        ws.next("welcome");

        ws.send("{\"type\":\"view\",\"checksum\":5,\"id\":9}");

        JsonNode error = ws.next();
        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        assertThat(error.get("id").asInt()).isEqualTo(9);
        ws.close();
    }
}
