package dev.troupe.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorRef;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.agent.AnthropicWire;
import dev.troupe.agent.FakeLlmServer.Reply;
import dev.troupe.json.Json;
import dev.troupe.testkit.EventCapture;
import dev.troupe.testkit.TroupeTestKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The chat's conversation on the test kit, answered by the Anthropic provider through the real SDK
 * against a fake server speaking the Messages wire format: the tree of messages (branches, edits,
 * regenerated answers), streamed answers, failed answers, and children whose answers become rollups,
 * with a failing and a slow child, started and stopped while messages flow.
 */
@Isolated("sets the chat's shared settings")
class ConversationTest {
    private static final Key KEY = Key.of("ada", "c1");
    private ChatFixture fixture;
    private TroupeTestKit kit;
    private Conversation chat;

    @BeforeEach
    void start() throws Exception {
        fixture = new ChatFixture();
        kit = TroupeTestKit.builder().configure(ChatFixture::register).start();
        chat = kit.actor(Conversation.class, KEY);
    }

    @AfterEach
    void stop() {
        fixture.close();
        kit.close();
    }

    @Test
    void send_storesTheMessage_thenStreamsTheAnswer_andStoresItComplete() {
        ActorRef<Conversation> ref = kit.ref(Conversation.class, KEY);
        try (EventCapture events = kit.events(ref, Conversation.GENERATING, "agent.delta", Conversation.MESSAGE)) {
            Message sent = chat.send(null, "  What are actors?  ");
            assertThat(sent).extracting(Message::id, Message::parent, Message::role, Message::content)
                    .containsExactly("m1", null, "user", "What are actors?");
            answered();

            assertThat(chat.messages()).extracting(Message::id, Message::parent, Message::role, Message::content,
                    Message::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("m1", null, "user", "What are actors?", "complete"),
                    org.assertj.core.groups.Tuple.tuple("m2", "m1", "assistant", ChatFixture.ANSWER, "complete"));
            assertThat(events.of(Conversation.GENERATING)).containsExactly(List.of("m2", "m1"));
            assertThat(events.of("agent.delta")).containsExactly(List.of("m2", "Durable "), List.of("m2", "actors "),
                    List.of("m2", "answer."));
            assertThat(events.of(Conversation.MESSAGE)).hasSize(2);
        }
        JsonNode request = fixture.llm.received().getLast().body();
        assertThat(request.path("stream").asBoolean()).isTrue();
        assertThat(request.path("model").asText()).isEqualTo(AnthropicWire.MODEL);
        assertThat(request.path("messages")).hasSize(1);
        assertThat(request.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("What are actors?");
    }

    @Test
    void send_afterAnyMessage_makesBranches_andEachAnswerSeesItsOwnThread() {
        chat.send(null, "First");
        answered();
        chat.send("m2", "Second");
        answered();
        chat.send("m2", "Another second");
        answered();

        assertThat(chat.thread("m6")).extracting(Message::id).containsExactly("m1", "m2", "m5", "m6");
        assertThat(chat.thread("m4")).extracting(Message::id).containsExactly("m1", "m2", "m3", "m4");
        JsonNode asked = fixture.llm.received().getLast().body().path("messages");
        assertThat(asked).extracting(message -> message.path("role").asText() + ":" + message.path("content").get(0).path("text").asText())
                .containsExactly("user:First", "assistant:" + ChatFixture.ANSWER, "user:Another second");
    }

    @Test
    void edit_makesASiblingOfTheUsersMessage_andRegenerate_aSiblingOfTheAnswer() {
        chat.send(null, "Frist");
        answered();
        Message edited = chat.edit("m1", "First");
        answered();
        Message again = chat.regenerate("m2");
        kit.settle();

        assertThat(edited).extracting(Message::id, Message::parent, Message::content).containsExactly("m3", null, "First");
        assertThat(again).extracting(Message::id, Message::parent, Message::role).containsExactly("m5", "m1", "assistant");
        assertThat(chat.messages()).extracting(Message::id, Message::parent)
                .containsExactly(pair("m1", null), pair("m2", "m1"), pair("m3", null), pair("m4", "m3"), pair("m5", "m1"));
        assertThat(chat.thread("m1")).extracting(Message::content).containsExactly("Frist");
    }

    @Test
    void badRequests_areRefusedWithTheirCodes_andChangeNothing() {
        chat.send(null, "Hello");
        answered();

        assertCode(() -> chat.send(null, "   "), "invalid_message");
        assertCode(() -> chat.send(null, "x".repeat(ConversationActor.MAX_CONTENT + 1)), "invalid_message");
        assertCode(() -> chat.send("m9", "Hello"), "message_not_found");
        assertCode(() -> chat.edit("m2", "Hello"), "not_written");
        assertCode(() -> chat.regenerate("m1"), "not_an_answer");
        assertCode(() -> chat.regenerate("m9"), "message_not_found");
        assertCode(() -> chat.thread("m9"), "message_not_found");
        assertCode(() -> chat.startChild("nobody"), "child_not_found");
        assertCode(() -> chat.stopChild("extractor"), "child_not_running");
        assertThat(chat.messages()).hasSize(2);
    }

    @Test
    void anAnswerTheProviderRefuses_isStoredAsFailed_andTheConversationGoesOn() {
        fixture.llm.reply(Reply.json(400, AnthropicWire.error("invalid_request_error", "prompt is too long")));
        chat.send(null, "Hello");
        answered();

        Message failed = chat.messages().getLast();
        assertThat(failed.status()).isEqualTo(Message.FAILED);
        assertThat(failed.content()).contains("prompt is too long");
        chat.regenerate(failed.id());
        assertThat(chat.messages().getLast()).extracting(Message::content, Message::status)
                .containsExactly(ChatFixture.ANSWER, Message.COMPLETE);
    }

    @Test
    void runningChildren_answerEveryNewMessage_asARollup_andStopAndStartWhileMessagesFlow() {
        assertThat(chat.availableChildren()).extracting(ChildManifest::name)
                .containsExactly("summariser", "extractor", "failing", "slow");
        chat.send(null, "Before any child");
        answered();
        assertThat(chat.startChild("extractor")).containsExactly("extractor");
        assertCode(() -> chat.startChild("extractor"), "child_running");
        assertThat(chat.startChild("summariser")).containsExactly("extractor", "summariser");

        chat.send("m2", "TODO: read https://troupe.dev/docs about durable durable actors");
        answered();
        kit.settle();

        assertThat(chat.rollups()).extracting(Rollup::messageId).containsExactly("m3", "m4");
        Rollup rollup = chat.rollups().getFirst();
        assertThat(rollup.complete()).isTrue();
        assertThat(rollup.partial()).isFalse();
        assertThat(rollup.answers().get("extractor").result()).isEqualTo(Json.mapper().valueToTree(new Extractor.Extraction(
                List.of("https://troupe.dev/docs"), List.of("read https://troupe.dev/docs about durable durable actors"),
                List.of("durable", "read", "actors"))));
        assertThat(rollup.answers().get("summariser").result().asText()).isEqualTo(ChatFixture.SUMMARY);

        assertThat(chat.stopChild("summariser")).containsExactly("extractor");
        chat.send("m4", "Only the extractor now");
        answered();
        kit.settle();
        assertThat(chat.rollups().getLast().answers()).containsOnlyKeys("extractor");
        assertThat(chat.runningChildren()).containsExactly("extractor");
    }

    @Test
    void aFailingChild_makesThePartialRollup_andASlowOne_timesOut_withoutHoldingTheConversation() {
        chat.startChild("extractor");
        chat.startChild("failing");
        chat.startChild("slow");

        chat.send(null, "Hello children");
        kit.clock().advanceWithoutWaiting(Duration.ZERO);
        await().atMost(Duration.ofSeconds(20)).until(() -> chat.messages().size() == 2
                && chat.rollups().getFirst().pending().equals(List.of("slow")));
        Rollup waiting = chat.rollups().getFirst();
        assertThat(waiting.complete()).isFalse();
        assertThat(waiting.answers().get("extractor").status()).isEqualTo(ChildAnswer.OK);
        assertThat(waiting.answers().get("failing")).extracting(ChildAnswer::status, ChildAnswer::error)
                .containsExactly(ChildAnswer.FAILED, "actor/internal_error");

        kit.clock().advanceWithoutWaiting(ChatFixture.ROLLUP_TIMEOUT);
        await().atMost(Duration.ofSeconds(20)).until(() -> chat.rollups().getFirst().complete());
        Rollup closed = chat.rollups().getFirst();
        assertThat(closed.partial()).isTrue();
        assertThat(closed.answers().get("slow")).extracting(ChildAnswer::status, ChildAnswer::error)
                .containsExactly(ChildAnswer.TIMED_OUT, null);

        ChatFixture.SlowChildActor.release.countDown();
        kit.settle();
        assertThat(chat.rollups().getFirst()).isEqualTo(closed);
    }

    @Test
    void replay_reproducesTheConversation_withoutAskingTheModelAgain() {
        chat.send(null, "First");
        answered();
        chat.regenerate("m2");
        chat.edit("m1", "Second");
        answered();
        int asked = fixture.llm.received().size();
        fixture.llm.close();

        dev.troupe.history.ReplayReport replay = kit.troupe().history(Conversation.class, KEY).replay();

        assertThat(replay.deterministic()).as(replay.problem()).isTrue();
        assertThat(replay.replayed()).isPositive();
        assertThat(fixture.llm.received()).hasSize(asked);
    }

    private void answered() {
        kit.clock().advance(Duration.ZERO);
    }

    private static org.assertj.core.groups.Tuple pair(String id, String parent) {
        return org.assertj.core.groups.Tuple.tuple(id, parent);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TroupeException.class, e -> {
            assertThat(e.error().group()).isEqualTo("user");
            assertThat(e.error().code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(400);
        });
    }
}
